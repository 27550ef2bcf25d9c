module @caracal {
  func.func public @main(%arg0: tensor<4x64xf32>, %arg1: tensor<2x64xf32>, %arg2: tensor<2x4xf32>, %arg3: tensor<i32>, %arg4: tensor<i32>, %arg5: tensor<i32>) -> (tensor<2x4xf32>) {
    %0 = "stablehlo.dot_general"(%arg1, %arg0) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<2x64xf32>, tensor<4x64xf32>) -> tensor<2x4xf32>
    %1 = "stablehlo.dynamic_slice"(%arg2, %arg3, %arg4) {slice_sizes = array<i64: 2, 4>} : (tensor<2x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
    %2 = "stablehlo.broadcast_in_dim"(%arg5) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x4xi32>
    %3 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x4xi32>
    %4 = "stablehlo.compare"(%3, %2) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x4xi32>, tensor<2x4xi32>) -> tensor<2x4xi1>
    %5 = "stablehlo.select"(%4, %0, %1) : (tensor<2x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
    %6 = "stablehlo.dynamic_update_slice"(%arg2, %5, %arg3, %arg4) : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
    "func.return"(%6) : (tensor<2x4xf32>) -> ()
  }
}
