module @caracal {
  func.func public @main(%arg0: tensor<4x8xf32>, %arg1: tensor<i32>, %arg2: tensor<i32>, %arg3: tensor<2x8xf32>, %arg4: tensor<i32>, %arg5: tensor<i32>, %arg6: tensor<i32>) -> (tensor<4x8xf32>) {
    %0 = "stablehlo.dynamic_slice"(%arg0, %arg1, %arg2) {slice_sizes = array<i64: 2, 8>} : (tensor<4x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    %1 = "stablehlo.add"(%0, %arg3) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %2 = "stablehlo.dynamic_slice"(%arg0, %arg4, %arg5) {slice_sizes = array<i64: 2, 8>} : (tensor<4x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    %3 = "stablehlo.broadcast_in_dim"(%arg6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x8xi32>
    %4 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x8xi32>
    %5 = "stablehlo.compare"(%4, %3) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x8xi1>
    %6 = "stablehlo.select"(%5, %1, %2) : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %7 = "stablehlo.dynamic_update_slice"(%arg0, %6, %arg4, %arg5) : (tensor<4x8xf32>, tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<4x8xf32>
    "func.return"(%7) : (tensor<4x8xf32>) -> ()
  }
}
