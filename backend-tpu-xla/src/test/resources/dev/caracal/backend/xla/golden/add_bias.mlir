module @caracal {
  func.func public @main(%arg0: tensor<2x8xf32>, %arg1: tensor<8xbf16>, %arg2: tensor<i32>, %arg3: tensor<i32>, %arg4: tensor<i32>) -> (tensor<2x8xf32>) {
    %0 = "stablehlo.convert"(%arg1) : (tensor<8xbf16>) -> tensor<8xf32>
    %1 = "stablehlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<2x8xf32>
    %2 = "stablehlo.add"(%arg0, %1) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %3 = "stablehlo.dynamic_slice"(%arg0, %arg2, %arg3) {slice_sizes = array<i64: 2, 8>} : (tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    %4 = "stablehlo.broadcast_in_dim"(%arg4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x8xi32>
    %5 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x8xi32>
    %6 = "stablehlo.compare"(%5, %4) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x8xi1>
    %7 = "stablehlo.select"(%6, %2, %3) : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %8 = "stablehlo.dynamic_update_slice"(%arg0, %7, %arg2, %arg3) : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
    "func.return"(%8) : (tensor<2x8xf32>) -> ()
  }
}
