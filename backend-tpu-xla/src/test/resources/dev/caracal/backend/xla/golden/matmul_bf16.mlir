module @caracal {
  func.func public @main(%arg0: tensor<4x64xbf16>, %arg1: tensor<2x64xf32>) -> (tensor<2x4xf32>) {
    %0 = "stablehlo.convert"(%arg0) : (tensor<4x64xbf16>) -> tensor<4x64xf32>
    %1 = "stablehlo.dot_general"(%arg1, %0) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<2x64xf32>, tensor<4x64xf32>) -> tensor<2x4xf32>
    "func.return"(%1) : (tensor<2x4xf32>) -> ()
  }
}
