module @caracal {
  func.func public @main(%arg0: tensor<2x8xf32>, %arg1: tensor<2x8xf32>, %arg2: tensor<2x8xf32>, %arg3: tensor<2xi32>) -> (tensor<2x8xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_1s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 1>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<2x8xf32>} : () -> tensor<2x8xf32>
    %1 = "stablehlo.negate"(%arg0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
    %2 = "stablehlo.exponential"(%1) : (tensor<2x8xf32>) -> tensor<2x8xf32>
    %3 = "stablehlo.add"(%0, %2) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %4 = "stablehlo.divide"(%arg0, %3) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %5 = "stablehlo.multiply"(%4, %arg1) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %6 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %7 = "stablehlo.dynamic_slice"(%arg2, %pi32_0, %6) {slice_sizes = array<i64: 2, 8>} : (tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    %8 = "stablehlo.broadcast_in_dim"(%pi32_1) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x8xi32>
    %9 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x8xi32>
    %10 = "stablehlo.compare"(%9, %8) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x8xi1>
    %11 = "stablehlo.select"(%10, %5, %7) : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %12 = "stablehlo.dynamic_update_slice"(%arg2, %11, %pi32_0, %6) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    "func.return"(%12) : (tensor<2x8xf32>) -> ()
  }
}
