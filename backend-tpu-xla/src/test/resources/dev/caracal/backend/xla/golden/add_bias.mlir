module @caracal {
  func.func public @main(%arg0: tensor<2x8xf32>, %arg1: tensor<8xbf16>) -> (tensor<2x8xf32>) {
    %0 = "stablehlo.convert"(%arg1) : (tensor<8xbf16>) -> tensor<8xf32>
    %1 = "stablehlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<2x8xf32>
    %2 = "stablehlo.add"(%arg0, %1) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    "func.return"(%2) : (tensor<2x8xf32>) -> ()
  }
}
