module @caracal {
  func.func public @main(%arg0: tensor<5x2x18xui8>, %arg1: tensor<2x1xi32>, %arg2: tensor<2x64xf32>, %arg3: tensor<i32>, %arg4: tensor<i32>, %arg5: tensor<i32>) -> (tensor<2x64xf32>) {
    %0 = "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 2, 18>} : (tensor<5x2x18xui8>, tensor<2x1xi32>) -> tensor<2x2x18xui8>
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
    %16 = "stablehlo.dynamic_slice"(%arg2, %arg3, %arg4) {slice_sizes = array<i64: 2, 64>} : (tensor<2x64xf32>, tensor<i32>, tensor<i32>) -> tensor<2x64xf32>
    %17 = "stablehlo.broadcast_in_dim"(%arg5) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x64xi32>
    %18 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x64xi32>
    %19 = "stablehlo.compare"(%18, %17) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x64xi32>, tensor<2x64xi32>) -> tensor<2x64xi1>
    %20 = "stablehlo.select"(%19, %15, %16) : (tensor<2x64xi1>, tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x64xf32>
    %21 = "stablehlo.dynamic_update_slice"(%arg2, %20, %arg3, %arg4) : (tensor<2x64xf32>, tensor<2x64xf32>, tensor<i32>, tensor<i32>) -> tensor<2x64xf32>
    "func.return"(%21) : (tensor<2x64xf32>) -> ()
  }
}
