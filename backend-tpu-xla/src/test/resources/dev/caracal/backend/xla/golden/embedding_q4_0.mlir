module @caracal {
  func.func public @main(%arg0: tensor<5x2x18xui8>, %arg1: tensor<2x64xf32>, %arg2: tensor<4xi32>) -> (tensor<2x64xf32>) {
    %pi32_0s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<2xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<2xi32>) -> tensor<2x1xi32>
    %pi32_1s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 2>, limit_indices = array<i64: 3>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_2s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 3>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<1xi32>
    %pi32_2 = "stablehlo.reshape"(%pi32_2s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.gather"(%arg0, %pi32_0) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 2, 18>} : (tensor<5x2x18xui8>, tensor<2x1xi32>) -> tensor<2x2x18xui8>
    %1 = "stablehlo.slice"(%0) {start_indices = array<i64: 0, 0, 2>, limit_indices = array<i64: 2, 2, 18>, strides = array<i64: 1, 1, 1>} : (tensor<2x2x18xui8>) -> tensor<2x2x16xui8>
    %2 = "stablehlo.constant"() {value = dense<15> : tensor<2x2x16xui8>} : () -> tensor<2x2x16xui8>
    %3 = "stablehlo.and"(%1, %2) : (tensor<2x2x16xui8>, tensor<2x2x16xui8>) -> tensor<2x2x16xui8>
    %4 = "stablehlo.constant"() {value = dense<4> : tensor<2x2x16xui8>} : () -> tensor<2x2x16xui8>
    %5 = "stablehlo.shift_right_logical"(%1, %4) : (tensor<2x2x16xui8>, tensor<2x2x16xui8>) -> tensor<2x2x16xui8>
    %6 = "stablehlo.concatenate"(%3, %5) {dimension = 2 : i64} : (tensor<2x2x16xui8>, tensor<2x2x16xui8>) -> tensor<2x2x32xui8>
    %7 = "stablehlo.convert"(%6) : (tensor<2x2x32xui8>) -> tensor<2x2x32xf32>
    %8 = "stablehlo.constant"() {value = dense<0x41000000> : tensor<2x2x32xf32>} : () -> tensor<2x2x32xf32>
    %9 = "stablehlo.subtract"(%7, %8) : (tensor<2x2x32xf32>, tensor<2x2x32xf32>) -> tensor<2x2x32xf32>
    %10 = "stablehlo.slice"(%0) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 2, 2, 2>, strides = array<i64: 1, 1, 1>} : (tensor<2x2x18xui8>) -> tensor<2x2x2xui8>
    %11 = "stablehlo.bitcast_convert"(%10) : (tensor<2x2x2xui8>) -> tensor<2x2xf16>
    %12 = "stablehlo.convert"(%11) : (tensor<2x2xf16>) -> tensor<2x2xf32>
    %13 = "stablehlo.broadcast_in_dim"(%12) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x2xf32>) -> tensor<2x2x32xf32>
    %14 = "stablehlo.multiply"(%9, %13) : (tensor<2x2x32xf32>, tensor<2x2x32xf32>) -> tensor<2x2x32xf32>
    %15 = "stablehlo.reshape"(%14) : (tensor<2x2x32xf32>) -> tensor<2x64xf32>
    %16 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %17 = "stablehlo.dynamic_slice"(%arg1, %pi32_1, %16) {slice_sizes = array<i64: 2, 64>} : (tensor<2x64xf32>, tensor<i32>, tensor<i32>) -> tensor<2x64xf32>
    %18 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x64xi32>
    %19 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x64xi32>
    %20 = "stablehlo.compare"(%19, %18) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x64xi32>, tensor<2x64xi32>) -> tensor<2x64xi1>
    %21 = "stablehlo.select"(%20, %15, %17) : (tensor<2x64xi1>, tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x64xf32>
    %22 = "stablehlo.dynamic_update_slice"(%arg1, %21, %pi32_1, %16) : (tensor<2x64xf32>, tensor<2x64xf32>, tensor<i32>, tensor<i32>) -> tensor<2x64xf32>
    "func.return"(%22) : (tensor<2x64xf32>) -> ()
  }
}
