module @caracal {
  func.func public @main(%arg0: tensor<2x16xf32>, %arg1: tensor<8xf16>, %arg2: tensor<2xi32>) -> (tensor<2x16xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_1s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 1>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.reshape"(%arg0) : (tensor<2x16xf32>) -> tensor<2x2x8xf32>
    %1 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %2 = "stablehlo.multiply"(%0, %0) : (tensor<2x2x8xf32>, tensor<2x2x8xf32>) -> tensor<2x2x8xf32>
    %3 = "stablehlo.reduce"(%2, %1) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 2>} : (tensor<2x2x8xf32>, tensor<f32>) -> tensor<2x2xf32>
    %4 = "stablehlo.constant"() {value = dense<0x41000000> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
    %5 = "stablehlo.divide"(%3, %4) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    %6 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
    %7 = "stablehlo.constant"() {value = dense<0x358637BD> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
    %8 = "stablehlo.add"(%5, %7) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    %9 = "stablehlo.sqrt"(%8) : (tensor<2x2xf32>) -> tensor<2x2xf32>
    %10 = "stablehlo.divide"(%6, %9) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    %11 = "stablehlo.broadcast_in_dim"(%10) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x2xf32>) -> tensor<2x2x8xf32>
    %12 = "stablehlo.multiply"(%0, %11) : (tensor<2x2x8xf32>, tensor<2x2x8xf32>) -> tensor<2x2x8xf32>
    %13 = "stablehlo.convert"(%arg1) : (tensor<8xf16>) -> tensor<8xf32>
    %14 = "stablehlo.broadcast_in_dim"(%13) {broadcast_dimensions = array<i64: 2>} : (tensor<8xf32>) -> tensor<2x2x8xf32>
    %15 = "stablehlo.multiply"(%12, %14) : (tensor<2x2x8xf32>, tensor<2x2x8xf32>) -> tensor<2x2x8xf32>
    %16 = "stablehlo.reshape"(%15) : (tensor<2x2x8xf32>) -> tensor<2x16xf32>
    %17 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %18 = "stablehlo.dynamic_slice"(%arg0, %pi32_0, %17) {slice_sizes = array<i64: 2, 16>} : (tensor<2x16xf32>, tensor<i32>, tensor<i32>) -> tensor<2x16xf32>
    %19 = "stablehlo.broadcast_in_dim"(%pi32_1) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x16xi32>
    %20 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x16xi32>
    %21 = "stablehlo.compare"(%20, %19) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x16xi32>, tensor<2x16xi32>) -> tensor<2x16xi1>
    %22 = "stablehlo.select"(%21, %16, %18) : (tensor<2x16xi1>, tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %23 = "stablehlo.dynamic_update_slice"(%arg0, %22, %pi32_0, %17) : (tensor<2x16xf32>, tensor<2x16xf32>, tensor<i32>, tensor<i32>) -> tensor<2x16xf32>
    "func.return"(%23) : (tensor<2x16xf32>) -> ()
  }
}
