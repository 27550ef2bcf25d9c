module @caracal {
  func.func public @main(%arg0: tensor<4x8xf32>, %arg1: tensor<2x8xf32>, %arg2: tensor<4xi32>) -> (tensor<2x8xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<2xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<2xi32>) -> tensor<2x1xi32>
    %pi32_1s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 2>, limit_indices = array<i64: 3>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_2s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 3>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<1xi32>
    %pi32_2 = "stablehlo.reshape"(%pi32_2s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.gather"(%arg0, %pi32_0) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>} : (tensor<4x8xf32>, tensor<2x1xi32>) -> tensor<2x8xf32>
    %1 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %2 = "stablehlo.dynamic_slice"(%arg1, %pi32_1, %1) {slice_sizes = array<i64: 2, 8>} : (tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    %3 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x8xi32>
    %4 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x8xi32>
    %5 = "stablehlo.compare"(%4, %3) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x8xi1>
    %6 = "stablehlo.select"(%5, %0, %2) : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %7 = "stablehlo.dynamic_update_slice"(%arg1, %6, %pi32_1, %1) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    "func.return"(%7) : (tensor<2x8xf32>) -> ()
  }
}
