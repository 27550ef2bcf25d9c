module @caracal {
  func.func public @main(%arg0: tensor<512x64xf32>, %arg1: tensor<256x64xf32>, %arg2: tensor<64xf32>, %arg3: tensor<256x64xf32>, %arg4: tensor<64x64xf32>, %arg5: tensor<256x64xf32>, %arg6: tensor<32x64xf32>, %arg7: tensor<256x32xf32>, %arg8: tensor<32x64xf32>, %arg9: tensor<256x32xf32>, %arg10: tensor<8x16x32xf16> {tf.aliasing_output = 11 : i32}, %arg11: tensor<8x16x32xf16> {tf.aliasing_output = 12 : i32}, %arg12: tensor<256x64xf32>, %arg13: tensor<64x64xf32>, %arg14: tensor<256x64xf32>, %arg15: tensor<64xf32>, %arg16: tensor<172x64xf32>, %arg17: tensor<256x172xf32>, %arg18: tensor<172x64xf32>, %arg19: tensor<256x172xf32>, %arg20: tensor<64x172xf32>, %arg21: tensor<64xf32>, %arg22: tensor<64x64xf32>, %arg23: tensor<32x64xf32>, %arg24: tensor<32x64xf32>, %arg25: tensor<8x16x32xf16> {tf.aliasing_output = 13 : i32}, %arg26: tensor<8x16x32xf16> {tf.aliasing_output = 14 : i32}, %arg27: tensor<64x64xf32>, %arg28: tensor<64xf32>, %arg29: tensor<172x64xf32>, %arg30: tensor<172x64xf32>, %arg31: tensor<64x172xf32>, %arg32: tensor<64xf32>, %arg33: tensor<64x64xf32>, %arg34: tensor<32x64xf32>, %arg35: tensor<32x64xf32>, %arg36: tensor<8x16x32xf16> {tf.aliasing_output = 15 : i32}, %arg37: tensor<8x16x32xf16> {tf.aliasing_output = 16 : i32}, %arg38: tensor<64x64xf32>, %arg39: tensor<64xf32>, %arg40: tensor<172x64xf32>, %arg41: tensor<172x64xf32>, %arg42: tensor<64x172xf32>, %arg43: tensor<64xf32>, %arg44: tensor<64x64xf32>, %arg45: tensor<32x64xf32>, %arg46: tensor<32x64xf32>, %arg47: tensor<8x16x32xf16> {tf.aliasing_output = 17 : i32}, %arg48: tensor<8x16x32xf16> {tf.aliasing_output = 18 : i32}, %arg49: tensor<64x64xf32>, %arg50: tensor<64xf32>, %arg51: tensor<172x64xf32>, %arg52: tensor<172x64xf32>, %arg53: tensor<64x172xf32>, %arg54: tensor<64xf32>, %arg55: tensor<64x64xf32>, %arg56: tensor<32x64xf32>, %arg57: tensor<32x64xf32>, %arg58: tensor<8x16x32xf16> {tf.aliasing_output = 19 : i32}, %arg59: tensor<8x16x32xf16> {tf.aliasing_output = 20 : i32}, %arg60: tensor<64x64xf32>, %arg61: tensor<64xf32>, %arg62: tensor<172x64xf32>, %arg63: tensor<172x64xf32>, %arg64: tensor<64x172xf32>, %arg65: tensor<64xf32>, %arg66: tensor<512x64xf32>, %arg67: tensor<40xf32>, %arg68: tensor<80xi32>) -> (tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x32xf32>, tensor<256x32xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x172xf32>, tensor<256x172xf32>, tensor<1x64xf32>, tensor<1x512xf32>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>) {
    %pf32_0 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 0>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_1 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 4>, limit_indices = array<i64: 8>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_2 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 8>, limit_indices = array<i64: 12>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_3 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 12>, limit_indices = array<i64: 16>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_4 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 16>, limit_indices = array<i64: 20>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_5 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 20>, limit_indices = array<i64: 24>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_6 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 24>, limit_indices = array<i64: 28>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_7 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 28>, limit_indices = array<i64: 32>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_8 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 32>, limit_indices = array<i64: 36>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pf32_9 = "stablehlo.slice"(%arg67) {start_indices = array<i64: 36>, limit_indices = array<i64: 40>, strides = array<i64: 1>} : (tensor<40xf32>) -> tensor<4xf32>
    %pi32_0s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_0 = "stablehlo.reshape"(%pi32_0s) : (tensor<1xi32>) -> tensor<1x1xi32>
    %pi32_1s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 1>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_2s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 2>, limit_indices = array<i64: 3>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_2 = "stablehlo.reshape"(%pi32_2s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_3s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 3>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_3 = "stablehlo.reshape"(%pi32_3s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_4s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 4>, limit_indices = array<i64: 5>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_4 = "stablehlo.reshape"(%pi32_4s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_5s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 5>, limit_indices = array<i64: 6>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_5 = "stablehlo.reshape"(%pi32_5s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_6s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 6>, limit_indices = array<i64: 7>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_6 = "stablehlo.reshape"(%pi32_6s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_7s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 7>, limit_indices = array<i64: 8>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_7 = "stablehlo.reshape"(%pi32_7s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_8s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 8>, limit_indices = array<i64: 9>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_8 = "stablehlo.reshape"(%pi32_8s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_9s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 9>, limit_indices = array<i64: 10>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_9 = "stablehlo.reshape"(%pi32_9s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_10s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 10>, limit_indices = array<i64: 11>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_10 = "stablehlo.reshape"(%pi32_10s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_11 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 11>, limit_indices = array<i64: 12>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_12 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 12>, limit_indices = array<i64: 13>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_13s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 13>, limit_indices = array<i64: 14>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_13 = "stablehlo.reshape"(%pi32_13s) : (tensor<1xi32>) -> tensor<1x1xi32>
    %pi32_14s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 14>, limit_indices = array<i64: 22>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<8xi32>
    %pi32_14 = "stablehlo.reshape"(%pi32_14s) : (tensor<8xi32>) -> tensor<8x1xi32>
    %pi32_15 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 22>, limit_indices = array<i64: 23>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_16s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 23>, limit_indices = array<i64: 24>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_16 = "stablehlo.reshape"(%pi32_16s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_17s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 24>, limit_indices = array<i64: 25>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_17 = "stablehlo.reshape"(%pi32_17s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_18s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 25>, limit_indices = array<i64: 26>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_18 = "stablehlo.reshape"(%pi32_18s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_19s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 26>, limit_indices = array<i64: 27>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_19 = "stablehlo.reshape"(%pi32_19s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_20s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 27>, limit_indices = array<i64: 28>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_20 = "stablehlo.reshape"(%pi32_20s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_21s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 28>, limit_indices = array<i64: 29>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_21 = "stablehlo.reshape"(%pi32_21s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_22s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 29>, limit_indices = array<i64: 30>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_22 = "stablehlo.reshape"(%pi32_22s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_23s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 30>, limit_indices = array<i64: 31>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_23 = "stablehlo.reshape"(%pi32_23s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_24 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 31>, limit_indices = array<i64: 32>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_25 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 32>, limit_indices = array<i64: 33>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_26s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 33>, limit_indices = array<i64: 34>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_26 = "stablehlo.reshape"(%pi32_26s) : (tensor<1xi32>) -> tensor<1x1xi32>
    %pi32_27s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 34>, limit_indices = array<i64: 42>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<8xi32>
    %pi32_27 = "stablehlo.reshape"(%pi32_27s) : (tensor<8xi32>) -> tensor<8x1xi32>
    %pi32_28 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 42>, limit_indices = array<i64: 43>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_29 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 43>, limit_indices = array<i64: 44>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_30 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 44>, limit_indices = array<i64: 45>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_31s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 45>, limit_indices = array<i64: 46>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_31 = "stablehlo.reshape"(%pi32_31s) : (tensor<1xi32>) -> tensor<1x1xi32>
    %pi32_32s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 46>, limit_indices = array<i64: 54>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<8xi32>
    %pi32_32 = "stablehlo.reshape"(%pi32_32s) : (tensor<8xi32>) -> tensor<8x1xi32>
    %pi32_33 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 54>, limit_indices = array<i64: 55>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_34 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 55>, limit_indices = array<i64: 56>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_35 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 56>, limit_indices = array<i64: 57>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_36s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 57>, limit_indices = array<i64: 58>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_36 = "stablehlo.reshape"(%pi32_36s) : (tensor<1xi32>) -> tensor<1x1xi32>
    %pi32_37s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 58>, limit_indices = array<i64: 66>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<8xi32>
    %pi32_37 = "stablehlo.reshape"(%pi32_37s) : (tensor<8xi32>) -> tensor<8x1xi32>
    %pi32_38 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 66>, limit_indices = array<i64: 67>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_39 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 67>, limit_indices = array<i64: 68>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_40 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 68>, limit_indices = array<i64: 69>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_41s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 69>, limit_indices = array<i64: 70>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_41 = "stablehlo.reshape"(%pi32_41s) : (tensor<1xi32>) -> tensor<1x1xi32>
    %pi32_42s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 70>, limit_indices = array<i64: 78>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<8xi32>
    %pi32_42 = "stablehlo.reshape"(%pi32_42s) : (tensor<8xi32>) -> tensor<8x1xi32>
    %pi32_43 = "stablehlo.slice"(%arg68) {start_indices = array<i64: 78>, limit_indices = array<i64: 79>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_44s = "stablehlo.slice"(%arg68) {start_indices = array<i64: 79>, limit_indices = array<i64: 80>, strides = array<i64: 1>} : (tensor<80xi32>) -> tensor<1xi32>
    %pi32_44 = "stablehlo.reshape"(%pi32_44s) : (tensor<1xi32>) -> tensor<1x1xi32>
    %0 = "stablehlo.gather"(%arg0, %pi32_0) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 64>} : (tensor<512x64xf32>, tensor<1x1xi32>) -> tensor<1x64xf32>
    %1 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %2 = "stablehlo.dynamic_slice"(%arg1, %pi32_1, %1) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %3 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %4 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %5 = "stablehlo.compare"(%4, %3) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %6 = "stablehlo.select"(%5, %0, %2) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %7 = "stablehlo.dynamic_update_slice"(%arg1, %6, %pi32_1, %1) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %8 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %9 = "stablehlo.dynamic_slice"(%7, %pi32_1, %8) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %10 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %11 = "stablehlo.multiply"(%9, %9) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %12 = "stablehlo.reduce"(%11, %10) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %13 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %14 = "stablehlo.divide"(%12, %13) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %15 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %16 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %17 = "stablehlo.add"(%14, %16) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %18 = "stablehlo.sqrt"(%17) : (tensor<1xf32>) -> tensor<1xf32>
    %19 = "stablehlo.divide"(%15, %18) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %20 = "stablehlo.broadcast_in_dim"(%19) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %21 = "stablehlo.multiply"(%9, %20) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %22 = "stablehlo.broadcast_in_dim"(%arg2) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %23 = "stablehlo.multiply"(%21, %22) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %24 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %25 = "stablehlo.dynamic_slice"(%arg3, %pi32_3, %24) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %26 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %27 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %28 = "stablehlo.compare"(%27, %26) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %29 = "stablehlo.select"(%28, %23, %25) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %30 = "stablehlo.dynamic_update_slice"(%arg3, %29, %pi32_3, %24) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %31 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %32 = "stablehlo.dynamic_slice"(%30, %pi32_3, %31) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %33 = "stablehlo.dot_general"(%32, %arg4) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %34 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %35 = "stablehlo.dynamic_slice"(%arg5, %pi32_5, %34) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %36 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %37 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %38 = "stablehlo.compare"(%37, %36) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %39 = "stablehlo.select"(%38, %33, %35) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %40 = "stablehlo.dynamic_update_slice"(%arg5, %39, %pi32_5, %34) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %41 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %42 = "stablehlo.dynamic_slice"(%30, %pi32_3, %41) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %43 = "stablehlo.dot_general"(%42, %arg6) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %44 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %45 = "stablehlo.dynamic_slice"(%arg7, %pi32_7, %44) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %46 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %47 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %48 = "stablehlo.compare"(%47, %46) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %49 = "stablehlo.select"(%48, %43, %45) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %50 = "stablehlo.dynamic_update_slice"(%arg7, %49, %pi32_7, %44) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %51 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %52 = "stablehlo.dynamic_slice"(%30, %pi32_3, %51) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %53 = "stablehlo.dot_general"(%52, %arg8) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %54 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %55 = "stablehlo.dynamic_slice"(%arg9, %pi32_9, %54) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %56 = "stablehlo.broadcast_in_dim"(%pi32_10) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %57 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %58 = "stablehlo.compare"(%57, %56) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %59 = "stablehlo.select"(%58, %53, %55) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %60 = "stablehlo.dynamic_update_slice"(%arg9, %59, %pi32_9, %54) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %61 = "stablehlo.convert"(%pi32_11) : (tensor<1xi32>) -> tensor<1xf32>
    %62 = "stablehlo.broadcast_in_dim"(%61) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %63 = "stablehlo.broadcast_in_dim"(%pf32_0) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %64 = "stablehlo.multiply"(%62, %63) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %65 = "stablehlo.cosine"(%64) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %66 = "stablehlo.broadcast_in_dim"(%65) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %67 = "stablehlo.sine"(%64) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %68 = "stablehlo.broadcast_in_dim"(%67) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %69 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %70 = "stablehlo.dynamic_slice"(%40, %pi32_5, %69) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %71 = "stablehlo.reshape"(%70) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %72 = "stablehlo.slice"(%71) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %73 = "stablehlo.reshape"(%72) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %74 = "stablehlo.slice"(%73) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %75 = "stablehlo.reshape"(%74) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %76 = "stablehlo.slice"(%73) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %77 = "stablehlo.reshape"(%76) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %78 = "stablehlo.multiply"(%75, %66) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %79 = "stablehlo.multiply"(%77, %68) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %80 = "stablehlo.subtract"(%78, %79) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %81 = "stablehlo.multiply"(%75, %68) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %82 = "stablehlo.multiply"(%77, %66) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %83 = "stablehlo.add"(%81, %82) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %84 = "stablehlo.reshape"(%80) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %85 = "stablehlo.reshape"(%83) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %86 = "stablehlo.concatenate"(%84, %85) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %87 = "stablehlo.reshape"(%86) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %88 = "stablehlo.reshape"(%87) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %89 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %90 = "stablehlo.dynamic_slice"(%40, %pi32_5, %89) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %91 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %92 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %93 = "stablehlo.compare"(%92, %91) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %94 = "stablehlo.select"(%93, %88, %90) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %95 = "stablehlo.dynamic_update_slice"(%40, %94, %pi32_5, %89) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %96 = "stablehlo.convert"(%pi32_12) : (tensor<1xi32>) -> tensor<1xf32>
    %97 = "stablehlo.broadcast_in_dim"(%96) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %98 = "stablehlo.broadcast_in_dim"(%pf32_1) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %99 = "stablehlo.multiply"(%97, %98) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %100 = "stablehlo.cosine"(%99) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %101 = "stablehlo.broadcast_in_dim"(%100) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %102 = "stablehlo.sine"(%99) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %103 = "stablehlo.broadcast_in_dim"(%102) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %104 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %105 = "stablehlo.dynamic_slice"(%50, %pi32_7, %104) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %106 = "stablehlo.reshape"(%105) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %107 = "stablehlo.slice"(%106) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %108 = "stablehlo.reshape"(%107) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %109 = "stablehlo.slice"(%108) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %110 = "stablehlo.reshape"(%109) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %111 = "stablehlo.slice"(%108) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %112 = "stablehlo.reshape"(%111) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %113 = "stablehlo.multiply"(%110, %101) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %114 = "stablehlo.multiply"(%112, %103) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %115 = "stablehlo.subtract"(%113, %114) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %116 = "stablehlo.multiply"(%110, %103) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %117 = "stablehlo.multiply"(%112, %101) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %118 = "stablehlo.add"(%116, %117) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %119 = "stablehlo.reshape"(%115) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %120 = "stablehlo.reshape"(%118) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %121 = "stablehlo.concatenate"(%119, %120) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %122 = "stablehlo.reshape"(%121) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %123 = "stablehlo.reshape"(%122) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %124 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %125 = "stablehlo.dynamic_slice"(%50, %pi32_7, %124) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %126 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %127 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %128 = "stablehlo.compare"(%127, %126) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %129 = "stablehlo.select"(%128, %123, %125) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %130 = "stablehlo.dynamic_update_slice"(%50, %129, %pi32_7, %124) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %131 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %132 = "stablehlo.dynamic_slice"(%130, %pi32_7, %131) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %133 = "stablehlo.reshape"(%arg10) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %134 = "stablehlo.convert"(%132) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %135 = "stablehlo.scatter"(%133, %pi32_13, %134) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %136 = "stablehlo.reshape"(%135) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %137 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %138 = "stablehlo.dynamic_slice"(%60, %pi32_9, %137) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %139 = "stablehlo.reshape"(%arg11) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %140 = "stablehlo.convert"(%138) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %141 = "stablehlo.scatter"(%139, %pi32_13, %140) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %142 = "stablehlo.reshape"(%141) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %143 = "stablehlo.gather"(%136, %pi32_14) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %144 = "stablehlo.convert"(%143) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %145 = "stablehlo.reshape"(%144) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %146 = "stablehlo.gather"(%142, %pi32_14) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %147 = "stablehlo.convert"(%146) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %148 = "stablehlo.reshape"(%147) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %149 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %150 = "stablehlo.dynamic_slice"(%95, %pi32_5, %149) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %151 = "stablehlo.reshape"(%150) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %152 = "stablehlo.dot_general"(%151, %145) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %153 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %154 = "stablehlo.multiply"(%152, %153) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %155 = "stablehlo.broadcast_in_dim"(%pi32_15) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %156 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %157 = "stablehlo.compare"(%156, %155) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %158 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %159 = "stablehlo.select"(%157, %154, %158) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %160 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %161 = "stablehlo.reduce"(%159, %160) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %162 = "stablehlo.broadcast_in_dim"(%161) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %163 = "stablehlo.subtract"(%159, %162) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %164 = "stablehlo.exponential"(%163) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %165 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %166 = "stablehlo.reduce"(%164, %165) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %167 = "stablehlo.broadcast_in_dim"(%166) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %168 = "stablehlo.divide"(%164, %167) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %169 = "stablehlo.dot_general"(%168, %148) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %170 = "stablehlo.reshape"(%169) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %171 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %172 = "stablehlo.dynamic_slice"(%arg12, %pi32_16, %171) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %173 = "stablehlo.broadcast_in_dim"(%pi32_17) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %174 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %175 = "stablehlo.compare"(%174, %173) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %176 = "stablehlo.select"(%175, %170, %172) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %177 = "stablehlo.dynamic_update_slice"(%arg12, %176, %pi32_16, %171) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %178 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %179 = "stablehlo.dynamic_slice"(%177, %pi32_16, %178) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %180 = "stablehlo.dot_general"(%179, %arg13) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %181 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %182 = "stablehlo.dynamic_slice"(%arg14, %pi32_18, %181) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %183 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %184 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %185 = "stablehlo.compare"(%184, %183) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %186 = "stablehlo.select"(%185, %180, %182) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %187 = "stablehlo.dynamic_update_slice"(%arg14, %186, %pi32_18, %181) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %188 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %189 = "stablehlo.dynamic_slice"(%7, %pi32_1, %188) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %190 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %191 = "stablehlo.dynamic_slice"(%187, %pi32_18, %190) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %192 = "stablehlo.add"(%189, %191) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %193 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %194 = "stablehlo.dynamic_slice"(%7, %pi32_1, %193) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %195 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %196 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %197 = "stablehlo.compare"(%196, %195) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %198 = "stablehlo.select"(%197, %192, %194) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %199 = "stablehlo.dynamic_update_slice"(%7, %198, %pi32_1, %193) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %200 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %201 = "stablehlo.dynamic_slice"(%199, %pi32_1, %200) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %202 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %203 = "stablehlo.multiply"(%201, %201) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %204 = "stablehlo.reduce"(%203, %202) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %205 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %206 = "stablehlo.divide"(%204, %205) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %207 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %208 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %209 = "stablehlo.add"(%206, %208) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %210 = "stablehlo.sqrt"(%209) : (tensor<1xf32>) -> tensor<1xf32>
    %211 = "stablehlo.divide"(%207, %210) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %212 = "stablehlo.broadcast_in_dim"(%211) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %213 = "stablehlo.multiply"(%201, %212) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %214 = "stablehlo.broadcast_in_dim"(%arg15) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %215 = "stablehlo.multiply"(%213, %214) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %216 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %217 = "stablehlo.dynamic_slice"(%30, %pi32_3, %216) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %218 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %219 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %220 = "stablehlo.compare"(%219, %218) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %221 = "stablehlo.select"(%220, %215, %217) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %222 = "stablehlo.dynamic_update_slice"(%30, %221, %pi32_3, %216) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %223 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %224 = "stablehlo.dynamic_slice"(%222, %pi32_3, %223) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %225 = "stablehlo.dot_general"(%224, %arg16) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %226 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %227 = "stablehlo.dynamic_slice"(%arg17, %pi32_20, %226) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %228 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %229 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %230 = "stablehlo.compare"(%229, %228) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %231 = "stablehlo.select"(%230, %225, %227) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %232 = "stablehlo.dynamic_update_slice"(%arg17, %231, %pi32_20, %226) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %233 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %234 = "stablehlo.dynamic_slice"(%222, %pi32_3, %233) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %235 = "stablehlo.dot_general"(%234, %arg18) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %236 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %237 = "stablehlo.dynamic_slice"(%arg19, %pi32_22, %236) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %238 = "stablehlo.broadcast_in_dim"(%pi32_23) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %239 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %240 = "stablehlo.compare"(%239, %238) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %241 = "stablehlo.select"(%240, %235, %237) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %242 = "stablehlo.dynamic_update_slice"(%arg19, %241, %pi32_22, %236) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %243 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %244 = "stablehlo.dynamic_slice"(%232, %pi32_20, %243) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %245 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %246 = "stablehlo.negate"(%244) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %247 = "stablehlo.exponential"(%246) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %248 = "stablehlo.add"(%245, %247) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %249 = "stablehlo.divide"(%244, %248) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %250 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %251 = "stablehlo.dynamic_slice"(%242, %pi32_22, %250) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %252 = "stablehlo.multiply"(%249, %251) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %253 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %254 = "stablehlo.dynamic_slice"(%232, %pi32_20, %253) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %255 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %256 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %257 = "stablehlo.compare"(%256, %255) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %258 = "stablehlo.select"(%257, %252, %254) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %259 = "stablehlo.dynamic_update_slice"(%232, %258, %pi32_20, %253) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %260 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %261 = "stablehlo.dynamic_slice"(%259, %pi32_20, %260) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %262 = "stablehlo.dot_general"(%261, %arg20) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %263 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %264 = "stablehlo.dynamic_slice"(%187, %pi32_18, %263) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %265 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %266 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %267 = "stablehlo.compare"(%266, %265) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %268 = "stablehlo.select"(%267, %262, %264) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %269 = "stablehlo.dynamic_update_slice"(%187, %268, %pi32_18, %263) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %270 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %271 = "stablehlo.dynamic_slice"(%199, %pi32_1, %270) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %272 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %273 = "stablehlo.dynamic_slice"(%269, %pi32_18, %272) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %274 = "stablehlo.add"(%271, %273) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %275 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %276 = "stablehlo.dynamic_slice"(%199, %pi32_1, %275) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %277 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %278 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %279 = "stablehlo.compare"(%278, %277) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %280 = "stablehlo.select"(%279, %274, %276) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %281 = "stablehlo.dynamic_update_slice"(%199, %280, %pi32_1, %275) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %282 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %283 = "stablehlo.dynamic_slice"(%281, %pi32_1, %282) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %284 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %285 = "stablehlo.multiply"(%283, %283) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %286 = "stablehlo.reduce"(%285, %284) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %287 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %288 = "stablehlo.divide"(%286, %287) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %289 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %290 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %291 = "stablehlo.add"(%288, %290) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %292 = "stablehlo.sqrt"(%291) : (tensor<1xf32>) -> tensor<1xf32>
    %293 = "stablehlo.divide"(%289, %292) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %294 = "stablehlo.broadcast_in_dim"(%293) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %295 = "stablehlo.multiply"(%283, %294) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %296 = "stablehlo.broadcast_in_dim"(%arg21) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %297 = "stablehlo.multiply"(%295, %296) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %298 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %299 = "stablehlo.dynamic_slice"(%222, %pi32_3, %298) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %300 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %301 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %302 = "stablehlo.compare"(%301, %300) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %303 = "stablehlo.select"(%302, %297, %299) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %304 = "stablehlo.dynamic_update_slice"(%222, %303, %pi32_3, %298) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %305 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %306 = "stablehlo.dynamic_slice"(%304, %pi32_3, %305) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %307 = "stablehlo.dot_general"(%306, %arg22) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %308 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %309 = "stablehlo.dynamic_slice"(%95, %pi32_5, %308) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %310 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %311 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %312 = "stablehlo.compare"(%311, %310) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %313 = "stablehlo.select"(%312, %307, %309) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %314 = "stablehlo.dynamic_update_slice"(%95, %313, %pi32_5, %308) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %315 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %316 = "stablehlo.dynamic_slice"(%304, %pi32_3, %315) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %317 = "stablehlo.dot_general"(%316, %arg23) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %318 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %319 = "stablehlo.dynamic_slice"(%130, %pi32_7, %318) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %320 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %321 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %322 = "stablehlo.compare"(%321, %320) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %323 = "stablehlo.select"(%322, %317, %319) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %324 = "stablehlo.dynamic_update_slice"(%130, %323, %pi32_7, %318) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %325 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %326 = "stablehlo.dynamic_slice"(%304, %pi32_3, %325) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %327 = "stablehlo.dot_general"(%326, %arg24) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %328 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %329 = "stablehlo.dynamic_slice"(%60, %pi32_9, %328) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %330 = "stablehlo.broadcast_in_dim"(%pi32_10) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %331 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %332 = "stablehlo.compare"(%331, %330) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %333 = "stablehlo.select"(%332, %327, %329) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %334 = "stablehlo.dynamic_update_slice"(%60, %333, %pi32_9, %328) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %335 = "stablehlo.convert"(%pi32_24) : (tensor<1xi32>) -> tensor<1xf32>
    %336 = "stablehlo.broadcast_in_dim"(%335) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %337 = "stablehlo.broadcast_in_dim"(%pf32_2) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %338 = "stablehlo.multiply"(%336, %337) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %339 = "stablehlo.cosine"(%338) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %340 = "stablehlo.broadcast_in_dim"(%339) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %341 = "stablehlo.sine"(%338) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %342 = "stablehlo.broadcast_in_dim"(%341) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %343 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %344 = "stablehlo.dynamic_slice"(%314, %pi32_5, %343) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %345 = "stablehlo.reshape"(%344) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %346 = "stablehlo.slice"(%345) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %347 = "stablehlo.reshape"(%346) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %348 = "stablehlo.slice"(%347) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %349 = "stablehlo.reshape"(%348) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %350 = "stablehlo.slice"(%347) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %351 = "stablehlo.reshape"(%350) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %352 = "stablehlo.multiply"(%349, %340) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %353 = "stablehlo.multiply"(%351, %342) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %354 = "stablehlo.subtract"(%352, %353) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %355 = "stablehlo.multiply"(%349, %342) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %356 = "stablehlo.multiply"(%351, %340) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %357 = "stablehlo.add"(%355, %356) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %358 = "stablehlo.reshape"(%354) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %359 = "stablehlo.reshape"(%357) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %360 = "stablehlo.concatenate"(%358, %359) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %361 = "stablehlo.reshape"(%360) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %362 = "stablehlo.reshape"(%361) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %363 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %364 = "stablehlo.dynamic_slice"(%314, %pi32_5, %363) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %365 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %366 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %367 = "stablehlo.compare"(%366, %365) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %368 = "stablehlo.select"(%367, %362, %364) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %369 = "stablehlo.dynamic_update_slice"(%314, %368, %pi32_5, %363) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %370 = "stablehlo.convert"(%pi32_25) : (tensor<1xi32>) -> tensor<1xf32>
    %371 = "stablehlo.broadcast_in_dim"(%370) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %372 = "stablehlo.broadcast_in_dim"(%pf32_3) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %373 = "stablehlo.multiply"(%371, %372) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %374 = "stablehlo.cosine"(%373) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %375 = "stablehlo.broadcast_in_dim"(%374) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %376 = "stablehlo.sine"(%373) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %377 = "stablehlo.broadcast_in_dim"(%376) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %378 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %379 = "stablehlo.dynamic_slice"(%324, %pi32_7, %378) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %380 = "stablehlo.reshape"(%379) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %381 = "stablehlo.slice"(%380) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %382 = "stablehlo.reshape"(%381) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %383 = "stablehlo.slice"(%382) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %384 = "stablehlo.reshape"(%383) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %385 = "stablehlo.slice"(%382) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %386 = "stablehlo.reshape"(%385) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %387 = "stablehlo.multiply"(%384, %375) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %388 = "stablehlo.multiply"(%386, %377) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %389 = "stablehlo.subtract"(%387, %388) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %390 = "stablehlo.multiply"(%384, %377) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %391 = "stablehlo.multiply"(%386, %375) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %392 = "stablehlo.add"(%390, %391) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %393 = "stablehlo.reshape"(%389) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %394 = "stablehlo.reshape"(%392) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %395 = "stablehlo.concatenate"(%393, %394) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %396 = "stablehlo.reshape"(%395) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %397 = "stablehlo.reshape"(%396) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %398 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %399 = "stablehlo.dynamic_slice"(%324, %pi32_7, %398) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %400 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %401 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %402 = "stablehlo.compare"(%401, %400) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %403 = "stablehlo.select"(%402, %397, %399) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %404 = "stablehlo.dynamic_update_slice"(%324, %403, %pi32_7, %398) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %405 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %406 = "stablehlo.dynamic_slice"(%404, %pi32_7, %405) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %407 = "stablehlo.reshape"(%arg25) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %408 = "stablehlo.convert"(%406) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %409 = "stablehlo.scatter"(%407, %pi32_26, %408) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %410 = "stablehlo.reshape"(%409) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %411 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %412 = "stablehlo.dynamic_slice"(%334, %pi32_9, %411) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %413 = "stablehlo.reshape"(%arg26) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %414 = "stablehlo.convert"(%412) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %415 = "stablehlo.scatter"(%413, %pi32_26, %414) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %416 = "stablehlo.reshape"(%415) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %417 = "stablehlo.gather"(%410, %pi32_27) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %418 = "stablehlo.convert"(%417) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %419 = "stablehlo.reshape"(%418) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %420 = "stablehlo.gather"(%416, %pi32_27) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %421 = "stablehlo.convert"(%420) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %422 = "stablehlo.reshape"(%421) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %423 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %424 = "stablehlo.dynamic_slice"(%369, %pi32_5, %423) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %425 = "stablehlo.reshape"(%424) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %426 = "stablehlo.dot_general"(%425, %419) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %427 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %428 = "stablehlo.multiply"(%426, %427) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %429 = "stablehlo.broadcast_in_dim"(%pi32_28) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %430 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %431 = "stablehlo.compare"(%430, %429) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %432 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %433 = "stablehlo.select"(%431, %428, %432) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %434 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %435 = "stablehlo.reduce"(%433, %434) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %436 = "stablehlo.broadcast_in_dim"(%435) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %437 = "stablehlo.subtract"(%433, %436) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %438 = "stablehlo.exponential"(%437) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %439 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %440 = "stablehlo.reduce"(%438, %439) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %441 = "stablehlo.broadcast_in_dim"(%440) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %442 = "stablehlo.divide"(%438, %441) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %443 = "stablehlo.dot_general"(%442, %422) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %444 = "stablehlo.reshape"(%443) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %445 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %446 = "stablehlo.dynamic_slice"(%177, %pi32_16, %445) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %447 = "stablehlo.broadcast_in_dim"(%pi32_17) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %448 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %449 = "stablehlo.compare"(%448, %447) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %450 = "stablehlo.select"(%449, %444, %446) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %451 = "stablehlo.dynamic_update_slice"(%177, %450, %pi32_16, %445) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %452 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %453 = "stablehlo.dynamic_slice"(%451, %pi32_16, %452) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %454 = "stablehlo.dot_general"(%453, %arg27) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %455 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %456 = "stablehlo.dynamic_slice"(%269, %pi32_18, %455) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %457 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %458 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %459 = "stablehlo.compare"(%458, %457) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %460 = "stablehlo.select"(%459, %454, %456) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %461 = "stablehlo.dynamic_update_slice"(%269, %460, %pi32_18, %455) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %462 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %463 = "stablehlo.dynamic_slice"(%281, %pi32_1, %462) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %464 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %465 = "stablehlo.dynamic_slice"(%461, %pi32_18, %464) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %466 = "stablehlo.add"(%463, %465) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %467 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %468 = "stablehlo.dynamic_slice"(%281, %pi32_1, %467) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %469 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %470 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %471 = "stablehlo.compare"(%470, %469) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %472 = "stablehlo.select"(%471, %466, %468) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %473 = "stablehlo.dynamic_update_slice"(%281, %472, %pi32_1, %467) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %474 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %475 = "stablehlo.dynamic_slice"(%473, %pi32_1, %474) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %476 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %477 = "stablehlo.multiply"(%475, %475) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %478 = "stablehlo.reduce"(%477, %476) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %479 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %480 = "stablehlo.divide"(%478, %479) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %481 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %482 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %483 = "stablehlo.add"(%480, %482) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %484 = "stablehlo.sqrt"(%483) : (tensor<1xf32>) -> tensor<1xf32>
    %485 = "stablehlo.divide"(%481, %484) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %486 = "stablehlo.broadcast_in_dim"(%485) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %487 = "stablehlo.multiply"(%475, %486) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %488 = "stablehlo.broadcast_in_dim"(%arg28) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %489 = "stablehlo.multiply"(%487, %488) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %490 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %491 = "stablehlo.dynamic_slice"(%304, %pi32_3, %490) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %492 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %493 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %494 = "stablehlo.compare"(%493, %492) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %495 = "stablehlo.select"(%494, %489, %491) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %496 = "stablehlo.dynamic_update_slice"(%304, %495, %pi32_3, %490) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %497 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %498 = "stablehlo.dynamic_slice"(%496, %pi32_3, %497) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %499 = "stablehlo.dot_general"(%498, %arg29) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %500 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %501 = "stablehlo.dynamic_slice"(%259, %pi32_20, %500) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %502 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %503 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %504 = "stablehlo.compare"(%503, %502) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %505 = "stablehlo.select"(%504, %499, %501) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %506 = "stablehlo.dynamic_update_slice"(%259, %505, %pi32_20, %500) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %507 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %508 = "stablehlo.dynamic_slice"(%496, %pi32_3, %507) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %509 = "stablehlo.dot_general"(%508, %arg30) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %510 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %511 = "stablehlo.dynamic_slice"(%242, %pi32_22, %510) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %512 = "stablehlo.broadcast_in_dim"(%pi32_23) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %513 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %514 = "stablehlo.compare"(%513, %512) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %515 = "stablehlo.select"(%514, %509, %511) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %516 = "stablehlo.dynamic_update_slice"(%242, %515, %pi32_22, %510) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %517 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %518 = "stablehlo.dynamic_slice"(%506, %pi32_20, %517) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %519 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %520 = "stablehlo.negate"(%518) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %521 = "stablehlo.exponential"(%520) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %522 = "stablehlo.add"(%519, %521) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %523 = "stablehlo.divide"(%518, %522) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %524 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %525 = "stablehlo.dynamic_slice"(%516, %pi32_22, %524) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %526 = "stablehlo.multiply"(%523, %525) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %527 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %528 = "stablehlo.dynamic_slice"(%506, %pi32_20, %527) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %529 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %530 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %531 = "stablehlo.compare"(%530, %529) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %532 = "stablehlo.select"(%531, %526, %528) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %533 = "stablehlo.dynamic_update_slice"(%506, %532, %pi32_20, %527) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %534 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %535 = "stablehlo.dynamic_slice"(%533, %pi32_20, %534) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %536 = "stablehlo.dot_general"(%535, %arg31) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %537 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %538 = "stablehlo.dynamic_slice"(%461, %pi32_18, %537) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %539 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %540 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %541 = "stablehlo.compare"(%540, %539) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %542 = "stablehlo.select"(%541, %536, %538) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %543 = "stablehlo.dynamic_update_slice"(%461, %542, %pi32_18, %537) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %544 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %545 = "stablehlo.dynamic_slice"(%473, %pi32_1, %544) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %546 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %547 = "stablehlo.dynamic_slice"(%543, %pi32_18, %546) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %548 = "stablehlo.add"(%545, %547) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %549 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %550 = "stablehlo.dynamic_slice"(%473, %pi32_1, %549) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %551 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %552 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %553 = "stablehlo.compare"(%552, %551) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %554 = "stablehlo.select"(%553, %548, %550) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %555 = "stablehlo.dynamic_update_slice"(%473, %554, %pi32_1, %549) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %556 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %557 = "stablehlo.dynamic_slice"(%555, %pi32_1, %556) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %558 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %559 = "stablehlo.multiply"(%557, %557) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %560 = "stablehlo.reduce"(%559, %558) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %561 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %562 = "stablehlo.divide"(%560, %561) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %563 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %564 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %565 = "stablehlo.add"(%562, %564) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %566 = "stablehlo.sqrt"(%565) : (tensor<1xf32>) -> tensor<1xf32>
    %567 = "stablehlo.divide"(%563, %566) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %568 = "stablehlo.broadcast_in_dim"(%567) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %569 = "stablehlo.multiply"(%557, %568) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %570 = "stablehlo.broadcast_in_dim"(%arg32) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %571 = "stablehlo.multiply"(%569, %570) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %572 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %573 = "stablehlo.dynamic_slice"(%496, %pi32_3, %572) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %574 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %575 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %576 = "stablehlo.compare"(%575, %574) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %577 = "stablehlo.select"(%576, %571, %573) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %578 = "stablehlo.dynamic_update_slice"(%496, %577, %pi32_3, %572) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %579 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %580 = "stablehlo.dynamic_slice"(%578, %pi32_3, %579) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %581 = "stablehlo.dot_general"(%580, %arg33) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %582 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %583 = "stablehlo.dynamic_slice"(%369, %pi32_5, %582) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %584 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %585 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %586 = "stablehlo.compare"(%585, %584) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %587 = "stablehlo.select"(%586, %581, %583) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %588 = "stablehlo.dynamic_update_slice"(%369, %587, %pi32_5, %582) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %589 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %590 = "stablehlo.dynamic_slice"(%578, %pi32_3, %589) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %591 = "stablehlo.dot_general"(%590, %arg34) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %592 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %593 = "stablehlo.dynamic_slice"(%404, %pi32_7, %592) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %594 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %595 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %596 = "stablehlo.compare"(%595, %594) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %597 = "stablehlo.select"(%596, %591, %593) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %598 = "stablehlo.dynamic_update_slice"(%404, %597, %pi32_7, %592) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %599 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %600 = "stablehlo.dynamic_slice"(%578, %pi32_3, %599) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %601 = "stablehlo.dot_general"(%600, %arg35) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %602 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %603 = "stablehlo.dynamic_slice"(%334, %pi32_9, %602) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %604 = "stablehlo.broadcast_in_dim"(%pi32_10) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %605 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %606 = "stablehlo.compare"(%605, %604) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %607 = "stablehlo.select"(%606, %601, %603) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %608 = "stablehlo.dynamic_update_slice"(%334, %607, %pi32_9, %602) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %609 = "stablehlo.convert"(%pi32_29) : (tensor<1xi32>) -> tensor<1xf32>
    %610 = "stablehlo.broadcast_in_dim"(%609) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %611 = "stablehlo.broadcast_in_dim"(%pf32_4) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %612 = "stablehlo.multiply"(%610, %611) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %613 = "stablehlo.cosine"(%612) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %614 = "stablehlo.broadcast_in_dim"(%613) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %615 = "stablehlo.sine"(%612) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %616 = "stablehlo.broadcast_in_dim"(%615) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %617 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %618 = "stablehlo.dynamic_slice"(%588, %pi32_5, %617) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %619 = "stablehlo.reshape"(%618) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %620 = "stablehlo.slice"(%619) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %621 = "stablehlo.reshape"(%620) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %622 = "stablehlo.slice"(%621) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %623 = "stablehlo.reshape"(%622) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %624 = "stablehlo.slice"(%621) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %625 = "stablehlo.reshape"(%624) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %626 = "stablehlo.multiply"(%623, %614) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %627 = "stablehlo.multiply"(%625, %616) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %628 = "stablehlo.subtract"(%626, %627) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %629 = "stablehlo.multiply"(%623, %616) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %630 = "stablehlo.multiply"(%625, %614) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %631 = "stablehlo.add"(%629, %630) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %632 = "stablehlo.reshape"(%628) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %633 = "stablehlo.reshape"(%631) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %634 = "stablehlo.concatenate"(%632, %633) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %635 = "stablehlo.reshape"(%634) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %636 = "stablehlo.reshape"(%635) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %637 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %638 = "stablehlo.dynamic_slice"(%588, %pi32_5, %637) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %639 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %640 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %641 = "stablehlo.compare"(%640, %639) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %642 = "stablehlo.select"(%641, %636, %638) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %643 = "stablehlo.dynamic_update_slice"(%588, %642, %pi32_5, %637) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %644 = "stablehlo.convert"(%pi32_30) : (tensor<1xi32>) -> tensor<1xf32>
    %645 = "stablehlo.broadcast_in_dim"(%644) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %646 = "stablehlo.broadcast_in_dim"(%pf32_5) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %647 = "stablehlo.multiply"(%645, %646) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %648 = "stablehlo.cosine"(%647) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %649 = "stablehlo.broadcast_in_dim"(%648) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %650 = "stablehlo.sine"(%647) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %651 = "stablehlo.broadcast_in_dim"(%650) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %652 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %653 = "stablehlo.dynamic_slice"(%598, %pi32_7, %652) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %654 = "stablehlo.reshape"(%653) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %655 = "stablehlo.slice"(%654) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %656 = "stablehlo.reshape"(%655) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %657 = "stablehlo.slice"(%656) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %658 = "stablehlo.reshape"(%657) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %659 = "stablehlo.slice"(%656) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %660 = "stablehlo.reshape"(%659) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %661 = "stablehlo.multiply"(%658, %649) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %662 = "stablehlo.multiply"(%660, %651) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %663 = "stablehlo.subtract"(%661, %662) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %664 = "stablehlo.multiply"(%658, %651) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %665 = "stablehlo.multiply"(%660, %649) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %666 = "stablehlo.add"(%664, %665) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %667 = "stablehlo.reshape"(%663) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %668 = "stablehlo.reshape"(%666) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %669 = "stablehlo.concatenate"(%667, %668) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %670 = "stablehlo.reshape"(%669) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %671 = "stablehlo.reshape"(%670) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %672 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %673 = "stablehlo.dynamic_slice"(%598, %pi32_7, %672) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %674 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %675 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %676 = "stablehlo.compare"(%675, %674) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %677 = "stablehlo.select"(%676, %671, %673) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %678 = "stablehlo.dynamic_update_slice"(%598, %677, %pi32_7, %672) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %679 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %680 = "stablehlo.dynamic_slice"(%678, %pi32_7, %679) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %681 = "stablehlo.reshape"(%arg36) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %682 = "stablehlo.convert"(%680) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %683 = "stablehlo.scatter"(%681, %pi32_31, %682) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %684 = "stablehlo.reshape"(%683) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %685 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %686 = "stablehlo.dynamic_slice"(%608, %pi32_9, %685) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %687 = "stablehlo.reshape"(%arg37) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %688 = "stablehlo.convert"(%686) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %689 = "stablehlo.scatter"(%687, %pi32_31, %688) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %690 = "stablehlo.reshape"(%689) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %691 = "stablehlo.gather"(%684, %pi32_32) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %692 = "stablehlo.convert"(%691) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %693 = "stablehlo.reshape"(%692) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %694 = "stablehlo.gather"(%690, %pi32_32) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %695 = "stablehlo.convert"(%694) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %696 = "stablehlo.reshape"(%695) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %697 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %698 = "stablehlo.dynamic_slice"(%643, %pi32_5, %697) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %699 = "stablehlo.reshape"(%698) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %700 = "stablehlo.dot_general"(%699, %693) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %701 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %702 = "stablehlo.multiply"(%700, %701) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %703 = "stablehlo.broadcast_in_dim"(%pi32_33) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %704 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %705 = "stablehlo.compare"(%704, %703) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %706 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %707 = "stablehlo.select"(%705, %702, %706) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %708 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %709 = "stablehlo.reduce"(%707, %708) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %710 = "stablehlo.broadcast_in_dim"(%709) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %711 = "stablehlo.subtract"(%707, %710) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %712 = "stablehlo.exponential"(%711) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %713 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %714 = "stablehlo.reduce"(%712, %713) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %715 = "stablehlo.broadcast_in_dim"(%714) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %716 = "stablehlo.divide"(%712, %715) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %717 = "stablehlo.dot_general"(%716, %696) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %718 = "stablehlo.reshape"(%717) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %719 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %720 = "stablehlo.dynamic_slice"(%451, %pi32_16, %719) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %721 = "stablehlo.broadcast_in_dim"(%pi32_17) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %722 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %723 = "stablehlo.compare"(%722, %721) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %724 = "stablehlo.select"(%723, %718, %720) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %725 = "stablehlo.dynamic_update_slice"(%451, %724, %pi32_16, %719) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %726 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %727 = "stablehlo.dynamic_slice"(%725, %pi32_16, %726) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %728 = "stablehlo.dot_general"(%727, %arg38) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %729 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %730 = "stablehlo.dynamic_slice"(%543, %pi32_18, %729) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %731 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %732 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %733 = "stablehlo.compare"(%732, %731) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %734 = "stablehlo.select"(%733, %728, %730) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %735 = "stablehlo.dynamic_update_slice"(%543, %734, %pi32_18, %729) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %736 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %737 = "stablehlo.dynamic_slice"(%555, %pi32_1, %736) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %738 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %739 = "stablehlo.dynamic_slice"(%735, %pi32_18, %738) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %740 = "stablehlo.add"(%737, %739) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %741 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %742 = "stablehlo.dynamic_slice"(%555, %pi32_1, %741) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %743 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %744 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %745 = "stablehlo.compare"(%744, %743) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %746 = "stablehlo.select"(%745, %740, %742) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %747 = "stablehlo.dynamic_update_slice"(%555, %746, %pi32_1, %741) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %748 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %749 = "stablehlo.dynamic_slice"(%747, %pi32_1, %748) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %750 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %751 = "stablehlo.multiply"(%749, %749) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %752 = "stablehlo.reduce"(%751, %750) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %753 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %754 = "stablehlo.divide"(%752, %753) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %755 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %756 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %757 = "stablehlo.add"(%754, %756) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %758 = "stablehlo.sqrt"(%757) : (tensor<1xf32>) -> tensor<1xf32>
    %759 = "stablehlo.divide"(%755, %758) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %760 = "stablehlo.broadcast_in_dim"(%759) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %761 = "stablehlo.multiply"(%749, %760) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %762 = "stablehlo.broadcast_in_dim"(%arg39) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %763 = "stablehlo.multiply"(%761, %762) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %764 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %765 = "stablehlo.dynamic_slice"(%578, %pi32_3, %764) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %766 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %767 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %768 = "stablehlo.compare"(%767, %766) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %769 = "stablehlo.select"(%768, %763, %765) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %770 = "stablehlo.dynamic_update_slice"(%578, %769, %pi32_3, %764) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %771 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %772 = "stablehlo.dynamic_slice"(%770, %pi32_3, %771) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %773 = "stablehlo.dot_general"(%772, %arg40) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %774 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %775 = "stablehlo.dynamic_slice"(%533, %pi32_20, %774) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %776 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %777 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %778 = "stablehlo.compare"(%777, %776) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %779 = "stablehlo.select"(%778, %773, %775) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %780 = "stablehlo.dynamic_update_slice"(%533, %779, %pi32_20, %774) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %781 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %782 = "stablehlo.dynamic_slice"(%770, %pi32_3, %781) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %783 = "stablehlo.dot_general"(%782, %arg41) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %784 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %785 = "stablehlo.dynamic_slice"(%516, %pi32_22, %784) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %786 = "stablehlo.broadcast_in_dim"(%pi32_23) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %787 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %788 = "stablehlo.compare"(%787, %786) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %789 = "stablehlo.select"(%788, %783, %785) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %790 = "stablehlo.dynamic_update_slice"(%516, %789, %pi32_22, %784) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %791 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %792 = "stablehlo.dynamic_slice"(%780, %pi32_20, %791) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %793 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %794 = "stablehlo.negate"(%792) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %795 = "stablehlo.exponential"(%794) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %796 = "stablehlo.add"(%793, %795) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %797 = "stablehlo.divide"(%792, %796) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %798 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %799 = "stablehlo.dynamic_slice"(%790, %pi32_22, %798) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %800 = "stablehlo.multiply"(%797, %799) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %801 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %802 = "stablehlo.dynamic_slice"(%780, %pi32_20, %801) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %803 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %804 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %805 = "stablehlo.compare"(%804, %803) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %806 = "stablehlo.select"(%805, %800, %802) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %807 = "stablehlo.dynamic_update_slice"(%780, %806, %pi32_20, %801) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %808 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %809 = "stablehlo.dynamic_slice"(%807, %pi32_20, %808) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %810 = "stablehlo.dot_general"(%809, %arg42) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %811 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %812 = "stablehlo.dynamic_slice"(%735, %pi32_18, %811) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %813 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %814 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %815 = "stablehlo.compare"(%814, %813) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %816 = "stablehlo.select"(%815, %810, %812) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %817 = "stablehlo.dynamic_update_slice"(%735, %816, %pi32_18, %811) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %818 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %819 = "stablehlo.dynamic_slice"(%747, %pi32_1, %818) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %820 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %821 = "stablehlo.dynamic_slice"(%817, %pi32_18, %820) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %822 = "stablehlo.add"(%819, %821) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %823 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %824 = "stablehlo.dynamic_slice"(%747, %pi32_1, %823) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %825 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %826 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %827 = "stablehlo.compare"(%826, %825) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %828 = "stablehlo.select"(%827, %822, %824) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %829 = "stablehlo.dynamic_update_slice"(%747, %828, %pi32_1, %823) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %830 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %831 = "stablehlo.dynamic_slice"(%829, %pi32_1, %830) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %832 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %833 = "stablehlo.multiply"(%831, %831) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %834 = "stablehlo.reduce"(%833, %832) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %835 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %836 = "stablehlo.divide"(%834, %835) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %837 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %838 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %839 = "stablehlo.add"(%836, %838) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %840 = "stablehlo.sqrt"(%839) : (tensor<1xf32>) -> tensor<1xf32>
    %841 = "stablehlo.divide"(%837, %840) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %842 = "stablehlo.broadcast_in_dim"(%841) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %843 = "stablehlo.multiply"(%831, %842) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %844 = "stablehlo.broadcast_in_dim"(%arg43) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %845 = "stablehlo.multiply"(%843, %844) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %846 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %847 = "stablehlo.dynamic_slice"(%770, %pi32_3, %846) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %848 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %849 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %850 = "stablehlo.compare"(%849, %848) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %851 = "stablehlo.select"(%850, %845, %847) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %852 = "stablehlo.dynamic_update_slice"(%770, %851, %pi32_3, %846) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %853 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %854 = "stablehlo.dynamic_slice"(%852, %pi32_3, %853) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %855 = "stablehlo.dot_general"(%854, %arg44) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %856 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %857 = "stablehlo.dynamic_slice"(%643, %pi32_5, %856) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %858 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %859 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %860 = "stablehlo.compare"(%859, %858) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %861 = "stablehlo.select"(%860, %855, %857) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %862 = "stablehlo.dynamic_update_slice"(%643, %861, %pi32_5, %856) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %863 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %864 = "stablehlo.dynamic_slice"(%852, %pi32_3, %863) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %865 = "stablehlo.dot_general"(%864, %arg45) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %866 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %867 = "stablehlo.dynamic_slice"(%678, %pi32_7, %866) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %868 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %869 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %870 = "stablehlo.compare"(%869, %868) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %871 = "stablehlo.select"(%870, %865, %867) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %872 = "stablehlo.dynamic_update_slice"(%678, %871, %pi32_7, %866) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %873 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %874 = "stablehlo.dynamic_slice"(%852, %pi32_3, %873) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %875 = "stablehlo.dot_general"(%874, %arg46) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %876 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %877 = "stablehlo.dynamic_slice"(%608, %pi32_9, %876) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %878 = "stablehlo.broadcast_in_dim"(%pi32_10) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %879 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %880 = "stablehlo.compare"(%879, %878) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %881 = "stablehlo.select"(%880, %875, %877) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %882 = "stablehlo.dynamic_update_slice"(%608, %881, %pi32_9, %876) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %883 = "stablehlo.convert"(%pi32_34) : (tensor<1xi32>) -> tensor<1xf32>
    %884 = "stablehlo.broadcast_in_dim"(%883) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %885 = "stablehlo.broadcast_in_dim"(%pf32_6) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %886 = "stablehlo.multiply"(%884, %885) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %887 = "stablehlo.cosine"(%886) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %888 = "stablehlo.broadcast_in_dim"(%887) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %889 = "stablehlo.sine"(%886) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %890 = "stablehlo.broadcast_in_dim"(%889) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %891 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %892 = "stablehlo.dynamic_slice"(%862, %pi32_5, %891) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %893 = "stablehlo.reshape"(%892) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %894 = "stablehlo.slice"(%893) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %895 = "stablehlo.reshape"(%894) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %896 = "stablehlo.slice"(%895) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %897 = "stablehlo.reshape"(%896) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %898 = "stablehlo.slice"(%895) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %899 = "stablehlo.reshape"(%898) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %900 = "stablehlo.multiply"(%897, %888) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %901 = "stablehlo.multiply"(%899, %890) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %902 = "stablehlo.subtract"(%900, %901) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %903 = "stablehlo.multiply"(%897, %890) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %904 = "stablehlo.multiply"(%899, %888) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %905 = "stablehlo.add"(%903, %904) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %906 = "stablehlo.reshape"(%902) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %907 = "stablehlo.reshape"(%905) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %908 = "stablehlo.concatenate"(%906, %907) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %909 = "stablehlo.reshape"(%908) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %910 = "stablehlo.reshape"(%909) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %911 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %912 = "stablehlo.dynamic_slice"(%862, %pi32_5, %911) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %913 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %914 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %915 = "stablehlo.compare"(%914, %913) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %916 = "stablehlo.select"(%915, %910, %912) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %917 = "stablehlo.dynamic_update_slice"(%862, %916, %pi32_5, %911) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %918 = "stablehlo.convert"(%pi32_35) : (tensor<1xi32>) -> tensor<1xf32>
    %919 = "stablehlo.broadcast_in_dim"(%918) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %920 = "stablehlo.broadcast_in_dim"(%pf32_7) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %921 = "stablehlo.multiply"(%919, %920) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %922 = "stablehlo.cosine"(%921) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %923 = "stablehlo.broadcast_in_dim"(%922) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %924 = "stablehlo.sine"(%921) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %925 = "stablehlo.broadcast_in_dim"(%924) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %926 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %927 = "stablehlo.dynamic_slice"(%872, %pi32_7, %926) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %928 = "stablehlo.reshape"(%927) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %929 = "stablehlo.slice"(%928) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %930 = "stablehlo.reshape"(%929) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %931 = "stablehlo.slice"(%930) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %932 = "stablehlo.reshape"(%931) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %933 = "stablehlo.slice"(%930) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %934 = "stablehlo.reshape"(%933) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %935 = "stablehlo.multiply"(%932, %923) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %936 = "stablehlo.multiply"(%934, %925) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %937 = "stablehlo.subtract"(%935, %936) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %938 = "stablehlo.multiply"(%932, %925) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %939 = "stablehlo.multiply"(%934, %923) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %940 = "stablehlo.add"(%938, %939) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %941 = "stablehlo.reshape"(%937) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %942 = "stablehlo.reshape"(%940) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %943 = "stablehlo.concatenate"(%941, %942) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %944 = "stablehlo.reshape"(%943) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %945 = "stablehlo.reshape"(%944) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %946 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %947 = "stablehlo.dynamic_slice"(%872, %pi32_7, %946) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %948 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %949 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %950 = "stablehlo.compare"(%949, %948) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %951 = "stablehlo.select"(%950, %945, %947) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %952 = "stablehlo.dynamic_update_slice"(%872, %951, %pi32_7, %946) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %953 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %954 = "stablehlo.dynamic_slice"(%952, %pi32_7, %953) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %955 = "stablehlo.reshape"(%arg47) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %956 = "stablehlo.convert"(%954) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %957 = "stablehlo.scatter"(%955, %pi32_36, %956) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %958 = "stablehlo.reshape"(%957) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %959 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %960 = "stablehlo.dynamic_slice"(%882, %pi32_9, %959) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %961 = "stablehlo.reshape"(%arg48) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %962 = "stablehlo.convert"(%960) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %963 = "stablehlo.scatter"(%961, %pi32_36, %962) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %964 = "stablehlo.reshape"(%963) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %965 = "stablehlo.gather"(%958, %pi32_37) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %966 = "stablehlo.convert"(%965) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %967 = "stablehlo.reshape"(%966) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %968 = "stablehlo.gather"(%964, %pi32_37) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %969 = "stablehlo.convert"(%968) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %970 = "stablehlo.reshape"(%969) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %971 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %972 = "stablehlo.dynamic_slice"(%917, %pi32_5, %971) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %973 = "stablehlo.reshape"(%972) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %974 = "stablehlo.dot_general"(%973, %967) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %975 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %976 = "stablehlo.multiply"(%974, %975) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %977 = "stablehlo.broadcast_in_dim"(%pi32_38) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %978 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %979 = "stablehlo.compare"(%978, %977) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %980 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %981 = "stablehlo.select"(%979, %976, %980) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %982 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %983 = "stablehlo.reduce"(%981, %982) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %984 = "stablehlo.broadcast_in_dim"(%983) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %985 = "stablehlo.subtract"(%981, %984) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %986 = "stablehlo.exponential"(%985) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %987 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %988 = "stablehlo.reduce"(%986, %987) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %989 = "stablehlo.broadcast_in_dim"(%988) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %990 = "stablehlo.divide"(%986, %989) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %991 = "stablehlo.dot_general"(%990, %970) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %992 = "stablehlo.reshape"(%991) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %993 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %994 = "stablehlo.dynamic_slice"(%725, %pi32_16, %993) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %995 = "stablehlo.broadcast_in_dim"(%pi32_17) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %996 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %997 = "stablehlo.compare"(%996, %995) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %998 = "stablehlo.select"(%997, %992, %994) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %999 = "stablehlo.dynamic_update_slice"(%725, %998, %pi32_16, %993) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1000 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1001 = "stablehlo.dynamic_slice"(%999, %pi32_16, %1000) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1002 = "stablehlo.dot_general"(%1001, %arg49) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %1003 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1004 = "stablehlo.dynamic_slice"(%817, %pi32_18, %1003) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1005 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1006 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1007 = "stablehlo.compare"(%1006, %1005) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1008 = "stablehlo.select"(%1007, %1002, %1004) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1009 = "stablehlo.dynamic_update_slice"(%817, %1008, %pi32_18, %1003) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1010 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1011 = "stablehlo.dynamic_slice"(%829, %pi32_1, %1010) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1012 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1013 = "stablehlo.dynamic_slice"(%1009, %pi32_18, %1012) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1014 = "stablehlo.add"(%1011, %1013) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1015 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1016 = "stablehlo.dynamic_slice"(%829, %pi32_1, %1015) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1017 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1018 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1019 = "stablehlo.compare"(%1018, %1017) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1020 = "stablehlo.select"(%1019, %1014, %1016) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1021 = "stablehlo.dynamic_update_slice"(%829, %1020, %pi32_1, %1015) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1022 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1023 = "stablehlo.dynamic_slice"(%1021, %pi32_1, %1022) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1024 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1025 = "stablehlo.multiply"(%1023, %1023) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1026 = "stablehlo.reduce"(%1025, %1024) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %1027 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1028 = "stablehlo.divide"(%1026, %1027) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1029 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1030 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %1031 = "stablehlo.add"(%1028, %1030) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1032 = "stablehlo.sqrt"(%1031) : (tensor<1xf32>) -> tensor<1xf32>
    %1033 = "stablehlo.divide"(%1029, %1032) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1034 = "stablehlo.broadcast_in_dim"(%1033) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %1035 = "stablehlo.multiply"(%1023, %1034) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1036 = "stablehlo.broadcast_in_dim"(%arg50) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %1037 = "stablehlo.multiply"(%1035, %1036) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1038 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1039 = "stablehlo.dynamic_slice"(%852, %pi32_3, %1038) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1040 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1041 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1042 = "stablehlo.compare"(%1041, %1040) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1043 = "stablehlo.select"(%1042, %1037, %1039) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1044 = "stablehlo.dynamic_update_slice"(%852, %1043, %pi32_3, %1038) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1045 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1046 = "stablehlo.dynamic_slice"(%1044, %pi32_3, %1045) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1047 = "stablehlo.dot_general"(%1046, %arg51) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %1048 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1049 = "stablehlo.dynamic_slice"(%807, %pi32_20, %1048) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1050 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1051 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1052 = "stablehlo.compare"(%1051, %1050) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1053 = "stablehlo.select"(%1052, %1047, %1049) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1054 = "stablehlo.dynamic_update_slice"(%807, %1053, %pi32_20, %1048) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1055 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1056 = "stablehlo.dynamic_slice"(%1044, %pi32_3, %1055) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1057 = "stablehlo.dot_general"(%1056, %arg52) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %1058 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1059 = "stablehlo.dynamic_slice"(%790, %pi32_22, %1058) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1060 = "stablehlo.broadcast_in_dim"(%pi32_23) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1061 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1062 = "stablehlo.compare"(%1061, %1060) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1063 = "stablehlo.select"(%1062, %1057, %1059) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1064 = "stablehlo.dynamic_update_slice"(%790, %1063, %pi32_22, %1058) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1065 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1066 = "stablehlo.dynamic_slice"(%1054, %pi32_20, %1065) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1067 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %1068 = "stablehlo.negate"(%1066) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %1069 = "stablehlo.exponential"(%1068) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %1070 = "stablehlo.add"(%1067, %1069) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1071 = "stablehlo.divide"(%1066, %1070) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1072 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1073 = "stablehlo.dynamic_slice"(%1064, %pi32_22, %1072) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1074 = "stablehlo.multiply"(%1071, %1073) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1075 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1076 = "stablehlo.dynamic_slice"(%1054, %pi32_20, %1075) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1077 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1078 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1079 = "stablehlo.compare"(%1078, %1077) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1080 = "stablehlo.select"(%1079, %1074, %1076) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1081 = "stablehlo.dynamic_update_slice"(%1054, %1080, %pi32_20, %1075) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1082 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1083 = "stablehlo.dynamic_slice"(%1081, %pi32_20, %1082) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1084 = "stablehlo.dot_general"(%1083, %arg53) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %1085 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1086 = "stablehlo.dynamic_slice"(%1009, %pi32_18, %1085) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1087 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1088 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1089 = "stablehlo.compare"(%1088, %1087) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1090 = "stablehlo.select"(%1089, %1084, %1086) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1091 = "stablehlo.dynamic_update_slice"(%1009, %1090, %pi32_18, %1085) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1092 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1093 = "stablehlo.dynamic_slice"(%1021, %pi32_1, %1092) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1094 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1095 = "stablehlo.dynamic_slice"(%1091, %pi32_18, %1094) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1096 = "stablehlo.add"(%1093, %1095) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1097 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1098 = "stablehlo.dynamic_slice"(%1021, %pi32_1, %1097) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1099 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1100 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1101 = "stablehlo.compare"(%1100, %1099) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1102 = "stablehlo.select"(%1101, %1096, %1098) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1103 = "stablehlo.dynamic_update_slice"(%1021, %1102, %pi32_1, %1097) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1104 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1105 = "stablehlo.dynamic_slice"(%1103, %pi32_1, %1104) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1106 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1107 = "stablehlo.multiply"(%1105, %1105) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1108 = "stablehlo.reduce"(%1107, %1106) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %1109 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1110 = "stablehlo.divide"(%1108, %1109) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1111 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1112 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %1113 = "stablehlo.add"(%1110, %1112) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1114 = "stablehlo.sqrt"(%1113) : (tensor<1xf32>) -> tensor<1xf32>
    %1115 = "stablehlo.divide"(%1111, %1114) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1116 = "stablehlo.broadcast_in_dim"(%1115) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %1117 = "stablehlo.multiply"(%1105, %1116) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1118 = "stablehlo.broadcast_in_dim"(%arg54) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %1119 = "stablehlo.multiply"(%1117, %1118) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1120 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1121 = "stablehlo.dynamic_slice"(%1044, %pi32_3, %1120) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1122 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1123 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1124 = "stablehlo.compare"(%1123, %1122) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1125 = "stablehlo.select"(%1124, %1119, %1121) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1126 = "stablehlo.dynamic_update_slice"(%1044, %1125, %pi32_3, %1120) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1127 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1128 = "stablehlo.dynamic_slice"(%1126, %pi32_3, %1127) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1129 = "stablehlo.dot_general"(%1128, %arg55) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %1130 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1131 = "stablehlo.dynamic_slice"(%917, %pi32_5, %1130) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1132 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1133 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1134 = "stablehlo.compare"(%1133, %1132) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1135 = "stablehlo.select"(%1134, %1129, %1131) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1136 = "stablehlo.dynamic_update_slice"(%917, %1135, %pi32_5, %1130) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1137 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1138 = "stablehlo.dynamic_slice"(%1126, %pi32_3, %1137) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1139 = "stablehlo.dot_general"(%1138, %arg56) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %1140 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1141 = "stablehlo.dynamic_slice"(%952, %pi32_7, %1140) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1142 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %1143 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %1144 = "stablehlo.compare"(%1143, %1142) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %1145 = "stablehlo.select"(%1144, %1139, %1141) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %1146 = "stablehlo.dynamic_update_slice"(%952, %1145, %pi32_7, %1140) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %1147 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1148 = "stablehlo.dynamic_slice"(%1126, %pi32_3, %1147) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1149 = "stablehlo.dot_general"(%1148, %arg57) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %1150 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1151 = "stablehlo.dynamic_slice"(%882, %pi32_9, %1150) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1152 = "stablehlo.broadcast_in_dim"(%pi32_10) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %1153 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %1154 = "stablehlo.compare"(%1153, %1152) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %1155 = "stablehlo.select"(%1154, %1149, %1151) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %1156 = "stablehlo.dynamic_update_slice"(%882, %1155, %pi32_9, %1150) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %1157 = "stablehlo.convert"(%pi32_39) : (tensor<1xi32>) -> tensor<1xf32>
    %1158 = "stablehlo.broadcast_in_dim"(%1157) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %1159 = "stablehlo.broadcast_in_dim"(%pf32_8) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %1160 = "stablehlo.multiply"(%1158, %1159) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %1161 = "stablehlo.cosine"(%1160) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1162 = "stablehlo.broadcast_in_dim"(%1161) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %1163 = "stablehlo.sine"(%1160) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1164 = "stablehlo.broadcast_in_dim"(%1163) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %1165 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1166 = "stablehlo.dynamic_slice"(%1136, %pi32_5, %1165) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1167 = "stablehlo.reshape"(%1166) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %1168 = "stablehlo.slice"(%1167) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %1169 = "stablehlo.reshape"(%1168) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %1170 = "stablehlo.slice"(%1169) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %1171 = "stablehlo.reshape"(%1170) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %1172 = "stablehlo.slice"(%1169) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %1173 = "stablehlo.reshape"(%1172) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %1174 = "stablehlo.multiply"(%1171, %1162) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1175 = "stablehlo.multiply"(%1173, %1164) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1176 = "stablehlo.subtract"(%1174, %1175) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1177 = "stablehlo.multiply"(%1171, %1164) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1178 = "stablehlo.multiply"(%1173, %1162) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1179 = "stablehlo.add"(%1177, %1178) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1180 = "stablehlo.reshape"(%1176) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %1181 = "stablehlo.reshape"(%1179) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %1182 = "stablehlo.concatenate"(%1180, %1181) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %1183 = "stablehlo.reshape"(%1182) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %1184 = "stablehlo.reshape"(%1183) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %1185 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1186 = "stablehlo.dynamic_slice"(%1136, %pi32_5, %1185) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1187 = "stablehlo.broadcast_in_dim"(%pi32_6) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1188 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1189 = "stablehlo.compare"(%1188, %1187) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1190 = "stablehlo.select"(%1189, %1184, %1186) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1191 = "stablehlo.dynamic_update_slice"(%1136, %1190, %pi32_5, %1185) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1192 = "stablehlo.convert"(%pi32_40) : (tensor<1xi32>) -> tensor<1xf32>
    %1193 = "stablehlo.broadcast_in_dim"(%1192) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %1194 = "stablehlo.broadcast_in_dim"(%pf32_9) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %1195 = "stablehlo.multiply"(%1193, %1194) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %1196 = "stablehlo.cosine"(%1195) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1197 = "stablehlo.broadcast_in_dim"(%1196) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %1198 = "stablehlo.sine"(%1195) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1199 = "stablehlo.broadcast_in_dim"(%1198) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %1200 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1201 = "stablehlo.dynamic_slice"(%1146, %pi32_7, %1200) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1202 = "stablehlo.reshape"(%1201) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %1203 = "stablehlo.slice"(%1202) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %1204 = "stablehlo.reshape"(%1203) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %1205 = "stablehlo.slice"(%1204) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %1206 = "stablehlo.reshape"(%1205) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %1207 = "stablehlo.slice"(%1204) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %1208 = "stablehlo.reshape"(%1207) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %1209 = "stablehlo.multiply"(%1206, %1197) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1210 = "stablehlo.multiply"(%1208, %1199) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1211 = "stablehlo.subtract"(%1209, %1210) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1212 = "stablehlo.multiply"(%1206, %1199) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1213 = "stablehlo.multiply"(%1208, %1197) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1214 = "stablehlo.add"(%1212, %1213) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1215 = "stablehlo.reshape"(%1211) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %1216 = "stablehlo.reshape"(%1214) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %1217 = "stablehlo.concatenate"(%1215, %1216) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %1218 = "stablehlo.reshape"(%1217) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %1219 = "stablehlo.reshape"(%1218) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %1220 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1221 = "stablehlo.dynamic_slice"(%1146, %pi32_7, %1220) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1222 = "stablehlo.broadcast_in_dim"(%pi32_8) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %1223 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %1224 = "stablehlo.compare"(%1223, %1222) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %1225 = "stablehlo.select"(%1224, %1219, %1221) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %1226 = "stablehlo.dynamic_update_slice"(%1146, %1225, %pi32_7, %1220) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %1227 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1228 = "stablehlo.dynamic_slice"(%1226, %pi32_7, %1227) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1229 = "stablehlo.reshape"(%arg58) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %1230 = "stablehlo.convert"(%1228) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %1231 = "stablehlo.scatter"(%1229, %pi32_41, %1230) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %1232 = "stablehlo.reshape"(%1231) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %1233 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1234 = "stablehlo.dynamic_slice"(%1156, %pi32_9, %1233) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1235 = "stablehlo.reshape"(%arg59) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %1236 = "stablehlo.convert"(%1234) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %1237 = "stablehlo.scatter"(%1235, %pi32_41, %1236) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %1238 = "stablehlo.reshape"(%1237) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %1239 = "stablehlo.gather"(%1232, %pi32_42) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %1240 = "stablehlo.convert"(%1239) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %1241 = "stablehlo.reshape"(%1240) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %1242 = "stablehlo.gather"(%1238, %pi32_42) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %1243 = "stablehlo.convert"(%1242) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %1244 = "stablehlo.reshape"(%1243) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %1245 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1246 = "stablehlo.dynamic_slice"(%1191, %pi32_5, %1245) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1247 = "stablehlo.reshape"(%1246) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %1248 = "stablehlo.dot_general"(%1247, %1241) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %1249 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %1250 = "stablehlo.multiply"(%1248, %1249) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1251 = "stablehlo.broadcast_in_dim"(%pi32_43) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %1252 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %1253 = "stablehlo.compare"(%1252, %1251) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %1254 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %1255 = "stablehlo.select"(%1253, %1250, %1254) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1256 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %1257 = "stablehlo.reduce"(%1255, %1256) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %1258 = "stablehlo.broadcast_in_dim"(%1257) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %1259 = "stablehlo.subtract"(%1255, %1258) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1260 = "stablehlo.exponential"(%1259) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1261 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1262 = "stablehlo.reduce"(%1260, %1261) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %1263 = "stablehlo.broadcast_in_dim"(%1262) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %1264 = "stablehlo.divide"(%1260, %1263) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1265 = "stablehlo.dot_general"(%1264, %1244) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %1266 = "stablehlo.reshape"(%1265) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %1267 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1268 = "stablehlo.dynamic_slice"(%999, %pi32_16, %1267) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1269 = "stablehlo.broadcast_in_dim"(%pi32_17) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1270 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1271 = "stablehlo.compare"(%1270, %1269) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1272 = "stablehlo.select"(%1271, %1266, %1268) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1273 = "stablehlo.dynamic_update_slice"(%999, %1272, %pi32_16, %1267) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1274 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1275 = "stablehlo.dynamic_slice"(%1273, %pi32_16, %1274) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1276 = "stablehlo.dot_general"(%1275, %arg60) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %1277 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1278 = "stablehlo.dynamic_slice"(%1091, %pi32_18, %1277) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1279 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1280 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1281 = "stablehlo.compare"(%1280, %1279) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1282 = "stablehlo.select"(%1281, %1276, %1278) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1283 = "stablehlo.dynamic_update_slice"(%1091, %1282, %pi32_18, %1277) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1284 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1285 = "stablehlo.dynamic_slice"(%1103, %pi32_1, %1284) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1286 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1287 = "stablehlo.dynamic_slice"(%1283, %pi32_18, %1286) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1288 = "stablehlo.add"(%1285, %1287) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1289 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1290 = "stablehlo.dynamic_slice"(%1103, %pi32_1, %1289) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1291 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1292 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1293 = "stablehlo.compare"(%1292, %1291) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1294 = "stablehlo.select"(%1293, %1288, %1290) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1295 = "stablehlo.dynamic_update_slice"(%1103, %1294, %pi32_1, %1289) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1296 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1297 = "stablehlo.dynamic_slice"(%1295, %pi32_1, %1296) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1298 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1299 = "stablehlo.multiply"(%1297, %1297) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1300 = "stablehlo.reduce"(%1299, %1298) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %1301 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1302 = "stablehlo.divide"(%1300, %1301) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1303 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1304 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %1305 = "stablehlo.add"(%1302, %1304) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1306 = "stablehlo.sqrt"(%1305) : (tensor<1xf32>) -> tensor<1xf32>
    %1307 = "stablehlo.divide"(%1303, %1306) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1308 = "stablehlo.broadcast_in_dim"(%1307) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %1309 = "stablehlo.multiply"(%1297, %1308) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1310 = "stablehlo.broadcast_in_dim"(%arg61) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %1311 = "stablehlo.multiply"(%1309, %1310) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1312 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1313 = "stablehlo.dynamic_slice"(%1126, %pi32_3, %1312) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1314 = "stablehlo.broadcast_in_dim"(%pi32_4) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1315 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1316 = "stablehlo.compare"(%1315, %1314) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1317 = "stablehlo.select"(%1316, %1311, %1313) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1318 = "stablehlo.dynamic_update_slice"(%1126, %1317, %pi32_3, %1312) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1319 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1320 = "stablehlo.dynamic_slice"(%1318, %pi32_3, %1319) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1321 = "stablehlo.dot_general"(%1320, %arg62) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %1322 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1323 = "stablehlo.dynamic_slice"(%1081, %pi32_20, %1322) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1324 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1325 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1326 = "stablehlo.compare"(%1325, %1324) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1327 = "stablehlo.select"(%1326, %1321, %1323) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1328 = "stablehlo.dynamic_update_slice"(%1081, %1327, %pi32_20, %1322) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1329 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1330 = "stablehlo.dynamic_slice"(%1318, %pi32_3, %1329) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1331 = "stablehlo.dot_general"(%1330, %arg63) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %1332 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1333 = "stablehlo.dynamic_slice"(%1064, %pi32_22, %1332) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1334 = "stablehlo.broadcast_in_dim"(%pi32_23) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1335 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1336 = "stablehlo.compare"(%1335, %1334) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1337 = "stablehlo.select"(%1336, %1331, %1333) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1338 = "stablehlo.dynamic_update_slice"(%1064, %1337, %pi32_22, %1332) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1339 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1340 = "stablehlo.dynamic_slice"(%1328, %pi32_20, %1339) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1341 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %1342 = "stablehlo.negate"(%1340) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %1343 = "stablehlo.exponential"(%1342) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %1344 = "stablehlo.add"(%1341, %1343) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1345 = "stablehlo.divide"(%1340, %1344) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1346 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1347 = "stablehlo.dynamic_slice"(%1338, %pi32_22, %1346) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1348 = "stablehlo.multiply"(%1345, %1347) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1349 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1350 = "stablehlo.dynamic_slice"(%1328, %pi32_20, %1349) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1351 = "stablehlo.broadcast_in_dim"(%pi32_21) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1352 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1353 = "stablehlo.compare"(%1352, %1351) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1354 = "stablehlo.select"(%1353, %1348, %1350) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1355 = "stablehlo.dynamic_update_slice"(%1328, %1354, %pi32_20, %1349) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1356 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1357 = "stablehlo.dynamic_slice"(%1355, %pi32_20, %1356) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1358 = "stablehlo.dot_general"(%1357, %arg64) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %1359 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1360 = "stablehlo.dynamic_slice"(%1283, %pi32_18, %1359) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1361 = "stablehlo.broadcast_in_dim"(%pi32_19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1362 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1363 = "stablehlo.compare"(%1362, %1361) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1364 = "stablehlo.select"(%1363, %1358, %1360) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1365 = "stablehlo.dynamic_update_slice"(%1283, %1364, %pi32_18, %1359) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1366 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1367 = "stablehlo.dynamic_slice"(%1295, %pi32_1, %1366) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1368 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1369 = "stablehlo.dynamic_slice"(%1365, %pi32_18, %1368) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1370 = "stablehlo.add"(%1367, %1369) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1371 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1372 = "stablehlo.dynamic_slice"(%1295, %pi32_1, %1371) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1373 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1374 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1375 = "stablehlo.compare"(%1374, %1373) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1376 = "stablehlo.select"(%1375, %1370, %1372) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1377 = "stablehlo.dynamic_update_slice"(%1295, %1376, %pi32_1, %1371) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1378 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1379 = "stablehlo.dynamic_slice"(%1377, %pi32_1, %1378) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1380 = "stablehlo.gather"(%1379, %pi32_44) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 64>} : (tensor<1x64xf32>, tensor<1x1xi32>) -> tensor<1x64xf32>
    %1381 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1382 = "stablehlo.multiply"(%1380, %1380) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1383 = "stablehlo.reduce"(%1382, %1381) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %1384 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1385 = "stablehlo.divide"(%1383, %1384) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1386 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1387 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %1388 = "stablehlo.add"(%1385, %1387) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1389 = "stablehlo.sqrt"(%1388) : (tensor<1xf32>) -> tensor<1xf32>
    %1390 = "stablehlo.divide"(%1386, %1389) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1391 = "stablehlo.broadcast_in_dim"(%1390) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %1392 = "stablehlo.multiply"(%1380, %1391) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1393 = "stablehlo.broadcast_in_dim"(%arg65) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %1394 = "stablehlo.multiply"(%1392, %1393) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1395 = "stablehlo.dot_general"(%1394, %arg66) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<512x64xf32>) -> tensor<1x512xf32>
    "func.return"(%1377, %1318, %1191, %1226, %1156, %1273, %1365, %1355, %1338, %1394, %1395, %136, %142, %410, %416, %684, %690, %958, %964, %1232, %1238) : (tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x32xf32>, tensor<256x32xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x172xf32>, tensor<256x172xf32>, tensor<1x64xf32>, tensor<1x512xf32>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>) -> ()
  }
}
