module @caracal {
  func.func public @main(%arg0: tensor<4x2x34xui8>, %arg1: tensor<2x64xf32>, %arg2: tensor<2x4xf32>, %arg3: tensor<2xi32>) -> (tensor<2x4xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_1s = "stablehlo.slice"(%arg3) {start_indices = array<i64: 1>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.slice"(%arg0) {start_indices = array<i64: 0, 0, 2>, limit_indices = array<i64: 4, 2, 34>, strides = array<i64: 1, 1, 1>} : (tensor<4x2x34xui8>) -> tensor<4x2x32xui8>
    %1 = "stablehlo.bitcast_convert"(%0) : (tensor<4x2x32xui8>) -> tensor<4x2x32xi8>
    %2 = "stablehlo.convert"(%1) : (tensor<4x2x32xi8>) -> tensor<4x2x32xf32>
    %3 = "stablehlo.slice"(%arg0) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 4, 2, 2>, strides = array<i64: 1, 1, 1>} : (tensor<4x2x34xui8>) -> tensor<4x2x2xui8>
    %4 = "stablehlo.bitcast_convert"(%3) : (tensor<4x2x2xui8>) -> tensor<4x2xf16>
    %5 = "stablehlo.convert"(%4) : (tensor<4x2xf16>) -> tensor<4x2xf32>
    %6 = "stablehlo.broadcast_in_dim"(%5) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<4x2xf32>) -> tensor<4x2x32xf32>
    %7 = "stablehlo.multiply"(%2, %6) : (tensor<4x2x32xf32>, tensor<4x2x32xf32>) -> tensor<4x2x32xf32>
    %8 = "stablehlo.reshape"(%7) : (tensor<4x2x32xf32>) -> tensor<4x64xf32>
    %9 = "stablehlo.dot_general"(%arg1, %8) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<2x64xf32>, tensor<4x64xf32>) -> tensor<2x4xf32>
    %10 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %11 = "stablehlo.dynamic_slice"(%arg2, %pi32_0, %10) {slice_sizes = array<i64: 2, 4>} : (tensor<2x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
    %12 = "stablehlo.broadcast_in_dim"(%pi32_1) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x4xi32>
    %13 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x4xi32>
    %14 = "stablehlo.compare"(%13, %12) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x4xi32>, tensor<2x4xi32>) -> tensor<2x4xi1>
    %15 = "stablehlo.select"(%14, %9, %11) : (tensor<2x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
    %16 = "stablehlo.dynamic_update_slice"(%arg2, %15, %pi32_0, %10) : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
    "func.return"(%16) : (tensor<2x4xf32>) -> ()
  }
}
