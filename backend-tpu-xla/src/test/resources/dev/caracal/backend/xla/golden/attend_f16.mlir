module @caracal {
  func.func public @main(%arg0: tensor<6x4x16xf16>, %arg1: tensor<6x4x16xf16>, %arg2: tensor<4x32xf32>, %arg3: tensor<4x32xf32>, %arg4: tensor<14xi32>) -> (tensor<4x32xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg4) {start_indices = array<i64: 0>, limit_indices = array<i64: 8>, strides = array<i64: 1>} : (tensor<14xi32>) -> tensor<8xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<8xi32>) -> tensor<8x1xi32>
    %pi32_1 = "stablehlo.slice"(%arg4) {start_indices = array<i64: 8>, limit_indices = array<i64: 12>, strides = array<i64: 1>} : (tensor<14xi32>) -> tensor<4xi32>
    %pi32_2s = "stablehlo.slice"(%arg4) {start_indices = array<i64: 12>, limit_indices = array<i64: 13>, strides = array<i64: 1>} : (tensor<14xi32>) -> tensor<1xi32>
    %pi32_2 = "stablehlo.reshape"(%pi32_2s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_3s = "stablehlo.slice"(%arg4) {start_indices = array<i64: 13>, limit_indices = array<i64: 14>, strides = array<i64: 1>} : (tensor<14xi32>) -> tensor<1xi32>
    %pi32_3 = "stablehlo.reshape"(%pi32_3s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.gather"(%arg0, %pi32_0) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 4, 16>} : (tensor<6x4x16xf16>, tensor<8x1xi32>) -> tensor<8x4x16xf16>
    %1 = "stablehlo.convert"(%0) : (tensor<8x4x16xf16>) -> tensor<8x4x16xf32>
    %2 = "stablehlo.reshape"(%1) : (tensor<8x4x16xf32>) -> tensor<4x8x2x8xf32>
    %3 = "stablehlo.gather"(%arg1, %pi32_0) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 4, 16>} : (tensor<6x4x16xf16>, tensor<8x1xi32>) -> tensor<8x4x16xf16>
    %4 = "stablehlo.convert"(%3) : (tensor<8x4x16xf16>) -> tensor<8x4x16xf32>
    %5 = "stablehlo.reshape"(%4) : (tensor<8x4x16xf32>) -> tensor<4x8x2x8xf32>
    %6 = "stablehlo.reshape"(%arg2) : (tensor<4x32xf32>) -> tensor<4x2x2x8xf32>
    %7 = "stablehlo.dot_general"(%6, %2) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<4x2x2x8xf32>, tensor<4x8x2x8xf32>) -> tensor<4x2x2x8xf32>
    %8 = "stablehlo.constant"() {value = dense<0x3EB33333> : tensor<4x2x2x8xf32>} : () -> tensor<4x2x2x8xf32>
    %9 = "stablehlo.multiply"(%7, %8) : (tensor<4x2x2x8xf32>, tensor<4x2x2x8xf32>) -> tensor<4x2x2x8xf32>
    %10 = "stablehlo.broadcast_in_dim"(%pi32_1) {broadcast_dimensions = array<i64: 0>} : (tensor<4xi32>) -> tensor<4x2x2x8xi32>
    %11 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<4x2x2x8xi32>
    %12 = "stablehlo.compare"(%11, %10) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<4x2x2x8xi32>, tensor<4x2x2x8xi32>) -> tensor<4x2x2x8xi1>
    %13 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<4x2x2x8xf32>} : () -> tensor<4x2x2x8xf32>
    %14 = "stablehlo.select"(%12, %9, %13) : (tensor<4x2x2x8xi1>, tensor<4x2x2x8xf32>, tensor<4x2x2x8xf32>) -> tensor<4x2x2x8xf32>
    %15 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %16 = "stablehlo.reduce"(%14, %15) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<4x2x2x8xf32>, tensor<f32>) -> tensor<4x2x2xf32>
    %17 = "stablehlo.broadcast_in_dim"(%16) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<4x2x2xf32>) -> tensor<4x2x2x8xf32>
    %18 = "stablehlo.subtract"(%14, %17) : (tensor<4x2x2x8xf32>, tensor<4x2x2x8xf32>) -> tensor<4x2x2x8xf32>
    %19 = "stablehlo.exponential"(%18) : (tensor<4x2x2x8xf32>) -> tensor<4x2x2x8xf32>
    %20 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %21 = "stablehlo.reduce"(%19, %20) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<4x2x2x8xf32>, tensor<f32>) -> tensor<4x2x2xf32>
    %22 = "stablehlo.broadcast_in_dim"(%21) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<4x2x2xf32>) -> tensor<4x2x2x8xf32>
    %23 = "stablehlo.divide"(%19, %22) : (tensor<4x2x2x8xf32>, tensor<4x2x2x8xf32>) -> tensor<4x2x2x8xf32>
    %24 = "stablehlo.dot_general"(%23, %5) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<4x2x2x8xf32>, tensor<4x8x2x8xf32>) -> tensor<4x2x2x8xf32>
    %25 = "stablehlo.reshape"(%24) : (tensor<4x2x2x8xf32>) -> tensor<4x32xf32>
    %26 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %27 = "stablehlo.dynamic_slice"(%arg3, %pi32_2, %26) {slice_sizes = array<i64: 4, 32>} : (tensor<4x32xf32>, tensor<i32>, tensor<i32>) -> tensor<4x32xf32>
    %28 = "stablehlo.broadcast_in_dim"(%pi32_3) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<4x32xi32>
    %29 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<4x32xi32>
    %30 = "stablehlo.compare"(%29, %28) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<4x32xi32>, tensor<4x32xi32>) -> tensor<4x32xi1>
    %31 = "stablehlo.select"(%30, %25, %27) : (tensor<4x32xi1>, tensor<4x32xf32>, tensor<4x32xf32>) -> tensor<4x32xf32>
    %32 = "stablehlo.dynamic_update_slice"(%arg3, %31, %pi32_2, %26) : (tensor<4x32xf32>, tensor<4x32xf32>, tensor<i32>, tensor<i32>) -> tensor<4x32xf32>
    "func.return"(%32) : (tensor<4x32xf32>) -> ()
  }
}
