module @caracal {
  func.func public @main(%arg0: tensor<6x4x16xf16> {tf.aliasing_output = 0 : i32}, %arg1: tensor<4x16xf32>, %arg2: tensor<6x4x16xf16> {tf.aliasing_output = 1 : i32}, %arg3: tensor<4x16xf32>, %arg4: tensor<4xi32>) -> (tensor<6x4x16xf16>, tensor<6x4x16xf16>) {
    %pi32_0s = "stablehlo.slice"(%arg4) {start_indices = array<i64: 0>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<4xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<4xi32>) -> tensor<4x1xi32>
    %0 = "stablehlo.reshape"(%arg0) : (tensor<6x4x16xf16>) -> tensor<24x16xf16>
    %1 = "stablehlo.convert"(%arg1) : (tensor<4x16xf32>) -> tensor<4x16xf16>
    %2 = "stablehlo.scatter"(%0, %pi32_0, %1) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<24x16xf16>, tensor<4x1xi32>, tensor<4x16xf16>) -> tensor<24x16xf16>
    %3 = "stablehlo.reshape"(%2) : (tensor<24x16xf16>) -> tensor<6x4x16xf16>
    %4 = "stablehlo.reshape"(%arg2) : (tensor<6x4x16xf16>) -> tensor<24x16xf16>
    %5 = "stablehlo.convert"(%arg3) : (tensor<4x16xf32>) -> tensor<4x16xf16>
    %6 = "stablehlo.scatter"(%4, %pi32_0, %5) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<24x16xf16>, tensor<4x1xi32>, tensor<4x16xf16>) -> tensor<24x16xf16>
    %7 = "stablehlo.reshape"(%6) : (tensor<24x16xf16>) -> tensor<6x4x16xf16>
    "func.return"(%3, %7) : (tensor<6x4x16xf16>, tensor<6x4x16xf16>) -> ()
  }
}
