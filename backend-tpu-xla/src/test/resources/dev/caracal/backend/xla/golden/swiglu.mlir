module @caracal {
  func.func public @main(%arg0: tensor<2x8xf32>, %arg1: tensor<2x8xf32>) -> (tensor<2x8xf32>) {
    %0 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<2x8xf32>} : () -> tensor<2x8xf32>
    %1 = "stablehlo.negate"(%arg0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
    %2 = "stablehlo.exponential"(%1) : (tensor<2x8xf32>) -> tensor<2x8xf32>
    %3 = "stablehlo.add"(%0, %2) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %4 = "stablehlo.divide"(%arg0, %3) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %5 = "stablehlo.multiply"(%4, %arg1) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    "func.return"(%5) : (tensor<2x8xf32>) -> ()
  }
}
