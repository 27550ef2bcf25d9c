module @caracal {
  func.func public @main(%arg0: tensor<2x64xf32>, %arg1: tensor<64xf32>, %arg2: tensor<2x64xf32>, %arg3: tensor<2xi32>) -> (tensor<2x64xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_1s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 1>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1 = "stablehlo.multiply"(%arg0, %arg0) : (tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x64xf32>
    %2 = "stablehlo.reduce"(%1, %0) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<2x64xf32>, tensor<f32>) -> tensor<2xf32>
    %3 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<2xf32>} : () -> tensor<2xf32>
    %4 = "stablehlo.divide"(%2, %3) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %5 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<2xf32>} : () -> tensor<2xf32>
    %6 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<2xf32>} : () -> tensor<2xf32>
    %7 = "stablehlo.add"(%4, %6) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %8 = "stablehlo.sqrt"(%7) : (tensor<2xf32>) -> tensor<2xf32>
    %9 = "stablehlo.divide"(%5, %8) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %10 = "stablehlo.broadcast_in_dim"(%9) {broadcast_dimensions = array<i64: 0>} : (tensor<2xf32>) -> tensor<2x64xf32>
    %11 = "stablehlo.multiply"(%arg0, %10) : (tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x64xf32>
    %12 = "stablehlo.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<2x64xf32>
    %13 = "stablehlo.multiply"(%11, %12) : (tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x64xf32>
    %14 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %15 = "stablehlo.dynamic_slice"(%arg2, %pi32_0, %14) {slice_sizes = array<i64: 2, 64>} : (tensor<2x64xf32>, tensor<i32>, tensor<i32>) -> tensor<2x64xf32>
    %16 = "stablehlo.broadcast_in_dim"(%pi32_1) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x64xi32>
    %17 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x64xi32>
    %18 = "stablehlo.compare"(%17, %16) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x64xi32>, tensor<2x64xi32>) -> tensor<2x64xi1>
    %19 = "stablehlo.select"(%18, %13, %15) : (tensor<2x64xi1>, tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x64xf32>
    %20 = "stablehlo.dynamic_update_slice"(%arg2, %19, %pi32_0, %14) : (tensor<2x64xf32>, tensor<2x64xf32>, tensor<i32>, tensor<i32>) -> tensor<2x64xf32>
    "func.return"(%20) : (tensor<2x64xf32>) -> ()
  }
}
