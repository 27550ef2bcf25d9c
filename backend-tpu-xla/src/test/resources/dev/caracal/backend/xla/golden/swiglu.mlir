module @caracal {
  func.func public @main(%arg0: tensor<2x8xf32>, %arg1: tensor<2x8xf32>, %arg2: tensor<2x8xf32>, %arg3: tensor<i32>, %arg4: tensor<i32>, %arg5: tensor<i32>) -> (tensor<2x8xf32>) {
    %0 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<2x8xf32>} : () -> tensor<2x8xf32>
    %1 = "stablehlo.negate"(%arg0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
    %2 = "stablehlo.exponential"(%1) : (tensor<2x8xf32>) -> tensor<2x8xf32>
    %3 = "stablehlo.add"(%0, %2) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %4 = "stablehlo.divide"(%arg0, %3) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %5 = "stablehlo.multiply"(%4, %arg1) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %6 = "stablehlo.dynamic_slice"(%arg2, %arg3, %arg4) {slice_sizes = array<i64: 2, 8>} : (tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    %7 = "stablehlo.broadcast_in_dim"(%arg5) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x8xi32>
    %8 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x8xi32>
    %9 = "stablehlo.compare"(%8, %7) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x8xi1>
    %10 = "stablehlo.select"(%9, %5, %6) : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %11 = "stablehlo.dynamic_update_slice"(%arg2, %10, %arg3, %arg4) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    "func.return"(%11) : (tensor<2x8xf32>) -> ()
  }
}
