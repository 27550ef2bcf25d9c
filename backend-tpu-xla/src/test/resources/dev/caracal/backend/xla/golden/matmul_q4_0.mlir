module @caracal {
  func.func public @main(%arg0: tensor<4x2x18xui8>, %arg1: tensor<2x64xf32>, %arg2: tensor<2x4xf32>, %arg3: tensor<2xi32>) -> (tensor<2x4xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_1s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 1>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.slice"(%arg0) {start_indices = array<i64: 0, 0, 2>, limit_indices = array<i64: 4, 2, 18>, strides = array<i64: 1, 1, 1>} : (tensor<4x2x18xui8>) -> tensor<4x2x16xui8>
    %1 = "stablehlo.constant"() {value = dense<15> : tensor<4x2x16xui8>} : () -> tensor<4x2x16xui8>
    %2 = "stablehlo.and"(%0, %1) : (tensor<4x2x16xui8>, tensor<4x2x16xui8>) -> tensor<4x2x16xui8>
    %3 = "stablehlo.constant"() {value = dense<4> : tensor<4x2x16xui8>} : () -> tensor<4x2x16xui8>
    %4 = "stablehlo.shift_right_logical"(%0, %3) : (tensor<4x2x16xui8>, tensor<4x2x16xui8>) -> tensor<4x2x16xui8>
    %5 = "stablehlo.concatenate"(%2, %4) {dimension = 2 : i64} : (tensor<4x2x16xui8>, tensor<4x2x16xui8>) -> tensor<4x2x32xui8>
    %6 = "stablehlo.convert"(%5) : (tensor<4x2x32xui8>) -> tensor<4x2x32xf32>
    %7 = "stablehlo.constant"() {value = dense<0x41000000> : tensor<4x2x32xf32>} : () -> tensor<4x2x32xf32>
    %8 = "stablehlo.subtract"(%6, %7) : (tensor<4x2x32xf32>, tensor<4x2x32xf32>) -> tensor<4x2x32xf32>
    %9 = "stablehlo.slice"(%arg0) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 4, 2, 2>, strides = array<i64: 1, 1, 1>} : (tensor<4x2x18xui8>) -> tensor<4x2x2xui8>
    %10 = "stablehlo.bitcast_convert"(%9) : (tensor<4x2x2xui8>) -> tensor<4x2xf16>
    %11 = "stablehlo.convert"(%10) : (tensor<4x2xf16>) -> tensor<4x2xf32>
    %12 = "stablehlo.broadcast_in_dim"(%11) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<4x2xf32>) -> tensor<4x2x32xf32>
    %13 = "stablehlo.multiply"(%8, %12) : (tensor<4x2x32xf32>, tensor<4x2x32xf32>) -> tensor<4x2x32xf32>
    %14 = "stablehlo.reshape"(%13) : (tensor<4x2x32xf32>) -> tensor<4x64xf32>
    %15 = "stablehlo.dot_general"(%arg1, %14) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<2x64xf32>, tensor<4x64xf32>) -> tensor<2x4xf32>
    %16 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %17 = "stablehlo.dynamic_slice"(%arg2, %pi32_0, %16) {slice_sizes = array<i64: 2, 4>} : (tensor<2x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
    %18 = "stablehlo.broadcast_in_dim"(%pi32_1) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x4xi32>
    %19 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x4xi32>
    %20 = "stablehlo.compare"(%19, %18) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x4xi32>, tensor<2x4xi32>) -> tensor<2x4xi1>
    %21 = "stablehlo.select"(%20, %15, %17) : (tensor<2x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
    %22 = "stablehlo.dynamic_update_slice"(%arg2, %21, %pi32_0, %16) : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
    "func.return"(%22) : (tensor<2x4xf32>) -> ()
  }
}
