module @caracal {
  func.func public @main(%arg0: tensor<4x8xf32>, %arg1: tensor<2x1xi32>, %arg2: tensor<2x8xf32>, %arg3: tensor<i32>, %arg4: tensor<i32>, %arg5: tensor<i32>) -> (tensor<2x8xf32>) {
    %0 = "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>} : (tensor<4x8xf32>, tensor<2x1xi32>) -> tensor<2x8xf32>
    %1 = "stablehlo.dynamic_slice"(%arg2, %arg3, %arg4) {slice_sizes = array<i64: 2, 8>} : (tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    %2 = "stablehlo.broadcast_in_dim"(%arg5) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x8xi32>
    %3 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x8xi32>
    %4 = "stablehlo.compare"(%3, %2) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x8xi1>
    %5 = "stablehlo.select"(%4, %0, %1) : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %6 = "stablehlo.dynamic_update_slice"(%arg2, %5, %arg3, %arg4) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    "func.return"(%6) : (tensor<2x8xf32>) -> ()
  }
}
