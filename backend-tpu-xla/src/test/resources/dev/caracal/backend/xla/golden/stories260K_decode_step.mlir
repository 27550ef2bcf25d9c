module @caracal {
  func.func public @main(%arg0: tensor<512x64xf32>, %arg1: tensor<1x1xi32>, %arg2: tensor<256x64xf32>, %arg3: tensor<64xf32>, %arg4: tensor<256x64xf32>, %arg5: tensor<64x64xf32>, %arg6: tensor<256x64xf32>, %arg7: tensor<32x64xf32>, %arg8: tensor<256x32xf32>, %arg9: tensor<32x64xf32>, %arg10: tensor<256x32xf32>, %arg11: tensor<1xi32>, %arg12: tensor<4xf32>, %arg13: tensor<1xi32>, %arg14: tensor<4xf32>, %arg15: tensor<1x1xi32>, %arg16: tensor<8x16x32xf16> {tf.aliasing_output = 11 : i32}, %arg17: tensor<8x16x32xf16> {tf.aliasing_output = 12 : i32}, %arg18: tensor<8x1xi32>, %arg19: tensor<1xi32>, %arg20: tensor<256x64xf32>, %arg21: tensor<64x64xf32>, %arg22: tensor<256x64xf32>, %arg23: tensor<64xf32>, %arg24: tensor<172x64xf32>, %arg25: tensor<256x172xf32>, %arg26: tensor<172x64xf32>, %arg27: tensor<256x172xf32>, %arg28: tensor<64x172xf32>, %arg29: tensor<64xf32>, %arg30: tensor<64x64xf32>, %arg31: tensor<32x64xf32>, %arg32: tensor<32x64xf32>, %arg33: tensor<1xi32>, %arg34: tensor<4xf32>, %arg35: tensor<1xi32>, %arg36: tensor<4xf32>, %arg37: tensor<1x1xi32>, %arg38: tensor<8x16x32xf16> {tf.aliasing_output = 13 : i32}, %arg39: tensor<8x16x32xf16> {tf.aliasing_output = 14 : i32}, %arg40: tensor<8x1xi32>, %arg41: tensor<1xi32>, %arg42: tensor<64x64xf32>, %arg43: tensor<64xf32>, %arg44: tensor<172x64xf32>, %arg45: tensor<172x64xf32>, %arg46: tensor<64x172xf32>, %arg47: tensor<64xf32>, %arg48: tensor<64x64xf32>, %arg49: tensor<32x64xf32>, %arg50: tensor<32x64xf32>, %arg51: tensor<1xi32>, %arg52: tensor<4xf32>, %arg53: tensor<1xi32>, %arg54: tensor<4xf32>, %arg55: tensor<1x1xi32>, %arg56: tensor<8x16x32xf16> {tf.aliasing_output = 15 : i32}, %arg57: tensor<8x16x32xf16> {tf.aliasing_output = 16 : i32}, %arg58: tensor<8x1xi32>, %arg59: tensor<1xi32>, %arg60: tensor<64x64xf32>, %arg61: tensor<64xf32>, %arg62: tensor<172x64xf32>, %arg63: tensor<172x64xf32>, %arg64: tensor<64x172xf32>, %arg65: tensor<64xf32>, %arg66: tensor<64x64xf32>, %arg67: tensor<32x64xf32>, %arg68: tensor<32x64xf32>, %arg69: tensor<1xi32>, %arg70: tensor<4xf32>, %arg71: tensor<1xi32>, %arg72: tensor<4xf32>, %arg73: tensor<1x1xi32>, %arg74: tensor<8x16x32xf16> {tf.aliasing_output = 17 : i32}, %arg75: tensor<8x16x32xf16> {tf.aliasing_output = 18 : i32}, %arg76: tensor<8x1xi32>, %arg77: tensor<1xi32>, %arg78: tensor<64x64xf32>, %arg79: tensor<64xf32>, %arg80: tensor<172x64xf32>, %arg81: tensor<172x64xf32>, %arg82: tensor<64x172xf32>, %arg83: tensor<64xf32>, %arg84: tensor<64x64xf32>, %arg85: tensor<32x64xf32>, %arg86: tensor<32x64xf32>, %arg87: tensor<1xi32>, %arg88: tensor<4xf32>, %arg89: tensor<1xi32>, %arg90: tensor<4xf32>, %arg91: tensor<1x1xi32>, %arg92: tensor<8x16x32xf16> {tf.aliasing_output = 19 : i32}, %arg93: tensor<8x16x32xf16> {tf.aliasing_output = 20 : i32}, %arg94: tensor<8x1xi32>, %arg95: tensor<1xi32>, %arg96: tensor<64x64xf32>, %arg97: tensor<64xf32>, %arg98: tensor<172x64xf32>, %arg99: tensor<172x64xf32>, %arg100: tensor<64x172xf32>, %arg101: tensor<1x1xi32>, %arg102: tensor<64xf32>, %arg103: tensor<512x64xf32>) -> (tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x32xf32>, tensor<256x32xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x172xf32>, tensor<256x172xf32>, tensor<1x64xf32>, tensor<1x512xf32>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>) {
    %0 = "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 64>} : (tensor<512x64xf32>, tensor<1x1xi32>) -> tensor<1x64xf32>
    %1 = "stablehlo.slice"(%arg2) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %2 = "stablehlo.concatenate"(%0, %1) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %3 = "stablehlo.slice"(%2) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %4 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %5 = "stablehlo.multiply"(%3, %3) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %6 = "stablehlo.reduce"(%5, %4) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %7 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %8 = "stablehlo.divide"(%6, %7) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %9 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %10 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %11 = "stablehlo.add"(%8, %10) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %12 = "stablehlo.sqrt"(%11) : (tensor<1xf32>) -> tensor<1xf32>
    %13 = "stablehlo.divide"(%9, %12) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %14 = "stablehlo.broadcast_in_dim"(%13) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %15 = "stablehlo.multiply"(%3, %14) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %16 = "stablehlo.broadcast_in_dim"(%arg3) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %17 = "stablehlo.multiply"(%15, %16) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %18 = "stablehlo.slice"(%arg4) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %19 = "stablehlo.concatenate"(%17, %18) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %20 = "stablehlo.slice"(%19) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %21 = "stablehlo.dot_general"(%20, %arg5) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %22 = "stablehlo.slice"(%arg6) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %23 = "stablehlo.concatenate"(%21, %22) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %24 = "stablehlo.slice"(%19) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %25 = "stablehlo.dot_general"(%24, %arg7) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %26 = "stablehlo.slice"(%arg8) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %27 = "stablehlo.concatenate"(%25, %26) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %28 = "stablehlo.slice"(%19) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %29 = "stablehlo.dot_general"(%28, %arg9) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %30 = "stablehlo.slice"(%arg10) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %31 = "stablehlo.concatenate"(%29, %30) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %32 = "stablehlo.convert"(%arg11) : (tensor<1xi32>) -> tensor<1xf32>
    %33 = "stablehlo.broadcast_in_dim"(%32) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %34 = "stablehlo.broadcast_in_dim"(%arg12) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %35 = "stablehlo.multiply"(%33, %34) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %36 = "stablehlo.cosine"(%35) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %37 = "stablehlo.broadcast_in_dim"(%36) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %38 = "stablehlo.sine"(%35) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %39 = "stablehlo.broadcast_in_dim"(%38) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %40 = "stablehlo.slice"(%23) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %41 = "stablehlo.reshape"(%40) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %42 = "stablehlo.slice"(%41) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %43 = "stablehlo.reshape"(%42) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %44 = "stablehlo.slice"(%43) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %45 = "stablehlo.reshape"(%44) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %46 = "stablehlo.slice"(%43) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %47 = "stablehlo.reshape"(%46) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %48 = "stablehlo.multiply"(%45, %37) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %49 = "stablehlo.multiply"(%47, %39) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %50 = "stablehlo.subtract"(%48, %49) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %51 = "stablehlo.multiply"(%45, %39) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %52 = "stablehlo.multiply"(%47, %37) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %53 = "stablehlo.add"(%51, %52) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %54 = "stablehlo.reshape"(%50) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %55 = "stablehlo.reshape"(%53) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %56 = "stablehlo.concatenate"(%54, %55) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %57 = "stablehlo.reshape"(%56) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %58 = "stablehlo.reshape"(%57) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %59 = "stablehlo.slice"(%23) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %60 = "stablehlo.concatenate"(%58, %59) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %61 = "stablehlo.convert"(%arg13) : (tensor<1xi32>) -> tensor<1xf32>
    %62 = "stablehlo.broadcast_in_dim"(%61) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %63 = "stablehlo.broadcast_in_dim"(%arg14) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %64 = "stablehlo.multiply"(%62, %63) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %65 = "stablehlo.cosine"(%64) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %66 = "stablehlo.broadcast_in_dim"(%65) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %67 = "stablehlo.sine"(%64) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %68 = "stablehlo.broadcast_in_dim"(%67) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %69 = "stablehlo.slice"(%27) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %70 = "stablehlo.reshape"(%69) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %71 = "stablehlo.slice"(%70) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %72 = "stablehlo.reshape"(%71) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %73 = "stablehlo.slice"(%72) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %74 = "stablehlo.reshape"(%73) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %75 = "stablehlo.slice"(%72) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %76 = "stablehlo.reshape"(%75) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %77 = "stablehlo.multiply"(%74, %66) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %78 = "stablehlo.multiply"(%76, %68) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %79 = "stablehlo.subtract"(%77, %78) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %80 = "stablehlo.multiply"(%74, %68) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %81 = "stablehlo.multiply"(%76, %66) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %82 = "stablehlo.add"(%80, %81) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %83 = "stablehlo.reshape"(%79) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %84 = "stablehlo.reshape"(%82) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %85 = "stablehlo.concatenate"(%83, %84) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %86 = "stablehlo.reshape"(%85) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %87 = "stablehlo.reshape"(%86) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %88 = "stablehlo.slice"(%27) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %89 = "stablehlo.concatenate"(%87, %88) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %90 = "stablehlo.slice"(%89) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %91 = "stablehlo.reshape"(%arg16) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %92 = "stablehlo.convert"(%90) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %93 = "stablehlo.scatter"(%91, %arg15, %92) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %94 = "stablehlo.reshape"(%93) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %95 = "stablehlo.slice"(%31) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %96 = "stablehlo.reshape"(%arg17) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %97 = "stablehlo.convert"(%95) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %98 = "stablehlo.scatter"(%96, %arg15, %97) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %99 = "stablehlo.reshape"(%98) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %100 = "stablehlo.gather"(%94, %arg18) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %101 = "stablehlo.convert"(%100) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %102 = "stablehlo.reshape"(%101) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %103 = "stablehlo.gather"(%99, %arg18) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %104 = "stablehlo.convert"(%103) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %105 = "stablehlo.reshape"(%104) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %106 = "stablehlo.slice"(%60) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %107 = "stablehlo.reshape"(%106) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %108 = "stablehlo.dot_general"(%107, %102) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %109 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %110 = "stablehlo.multiply"(%108, %109) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %111 = "stablehlo.broadcast_in_dim"(%arg19) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %112 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %113 = "stablehlo.compare"(%112, %111) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %114 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %115 = "stablehlo.select"(%113, %110, %114) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %116 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %117 = "stablehlo.reduce"(%115, %116) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %118 = "stablehlo.broadcast_in_dim"(%117) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %119 = "stablehlo.subtract"(%115, %118) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %120 = "stablehlo.exponential"(%119) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %121 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %122 = "stablehlo.reduce"(%120, %121) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %123 = "stablehlo.broadcast_in_dim"(%122) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %124 = "stablehlo.divide"(%120, %123) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %125 = "stablehlo.dot_general"(%124, %105) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %126 = "stablehlo.reshape"(%125) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %127 = "stablehlo.slice"(%arg20) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %128 = "stablehlo.concatenate"(%126, %127) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %129 = "stablehlo.slice"(%128) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %130 = "stablehlo.dot_general"(%129, %arg21) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %131 = "stablehlo.slice"(%arg22) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %132 = "stablehlo.concatenate"(%130, %131) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %133 = "stablehlo.slice"(%2) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %134 = "stablehlo.slice"(%132) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %135 = "stablehlo.add"(%133, %134) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %136 = "stablehlo.slice"(%2) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %137 = "stablehlo.concatenate"(%135, %136) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %138 = "stablehlo.slice"(%137) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %139 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %140 = "stablehlo.multiply"(%138, %138) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %141 = "stablehlo.reduce"(%140, %139) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %142 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %143 = "stablehlo.divide"(%141, %142) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %144 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %145 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %146 = "stablehlo.add"(%143, %145) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %147 = "stablehlo.sqrt"(%146) : (tensor<1xf32>) -> tensor<1xf32>
    %148 = "stablehlo.divide"(%144, %147) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %149 = "stablehlo.broadcast_in_dim"(%148) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %150 = "stablehlo.multiply"(%138, %149) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %151 = "stablehlo.broadcast_in_dim"(%arg23) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %152 = "stablehlo.multiply"(%150, %151) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %153 = "stablehlo.slice"(%19) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %154 = "stablehlo.concatenate"(%152, %153) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %155 = "stablehlo.slice"(%154) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %156 = "stablehlo.dot_general"(%155, %arg24) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %157 = "stablehlo.slice"(%arg25) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %158 = "stablehlo.concatenate"(%156, %157) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %159 = "stablehlo.slice"(%154) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %160 = "stablehlo.dot_general"(%159, %arg26) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %161 = "stablehlo.slice"(%arg27) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %162 = "stablehlo.concatenate"(%160, %161) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %163 = "stablehlo.slice"(%158) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %164 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %165 = "stablehlo.negate"(%163) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %166 = "stablehlo.exponential"(%165) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %167 = "stablehlo.add"(%164, %166) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %168 = "stablehlo.divide"(%163, %167) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %169 = "stablehlo.slice"(%162) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %170 = "stablehlo.multiply"(%168, %169) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %171 = "stablehlo.slice"(%158) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %172 = "stablehlo.concatenate"(%170, %171) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %173 = "stablehlo.slice"(%172) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %174 = "stablehlo.dot_general"(%173, %arg28) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %175 = "stablehlo.slice"(%132) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %176 = "stablehlo.concatenate"(%174, %175) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %177 = "stablehlo.slice"(%137) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %178 = "stablehlo.slice"(%176) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %179 = "stablehlo.add"(%177, %178) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %180 = "stablehlo.slice"(%137) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %181 = "stablehlo.concatenate"(%179, %180) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %182 = "stablehlo.slice"(%181) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %183 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %184 = "stablehlo.multiply"(%182, %182) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %185 = "stablehlo.reduce"(%184, %183) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %186 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %187 = "stablehlo.divide"(%185, %186) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %188 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %189 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %190 = "stablehlo.add"(%187, %189) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %191 = "stablehlo.sqrt"(%190) : (tensor<1xf32>) -> tensor<1xf32>
    %192 = "stablehlo.divide"(%188, %191) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %193 = "stablehlo.broadcast_in_dim"(%192) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %194 = "stablehlo.multiply"(%182, %193) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %195 = "stablehlo.broadcast_in_dim"(%arg29) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %196 = "stablehlo.multiply"(%194, %195) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %197 = "stablehlo.slice"(%154) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %198 = "stablehlo.concatenate"(%196, %197) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %199 = "stablehlo.slice"(%198) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %200 = "stablehlo.dot_general"(%199, %arg30) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %201 = "stablehlo.slice"(%60) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %202 = "stablehlo.concatenate"(%200, %201) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %203 = "stablehlo.slice"(%198) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %204 = "stablehlo.dot_general"(%203, %arg31) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %205 = "stablehlo.slice"(%89) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %206 = "stablehlo.concatenate"(%204, %205) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %207 = "stablehlo.slice"(%198) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %208 = "stablehlo.dot_general"(%207, %arg32) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %209 = "stablehlo.slice"(%31) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %210 = "stablehlo.concatenate"(%208, %209) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %211 = "stablehlo.convert"(%arg33) : (tensor<1xi32>) -> tensor<1xf32>
    %212 = "stablehlo.broadcast_in_dim"(%211) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %213 = "stablehlo.broadcast_in_dim"(%arg34) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %214 = "stablehlo.multiply"(%212, %213) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %215 = "stablehlo.cosine"(%214) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %216 = "stablehlo.broadcast_in_dim"(%215) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %217 = "stablehlo.sine"(%214) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %218 = "stablehlo.broadcast_in_dim"(%217) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %219 = "stablehlo.slice"(%202) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %220 = "stablehlo.reshape"(%219) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %221 = "stablehlo.slice"(%220) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %222 = "stablehlo.reshape"(%221) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %223 = "stablehlo.slice"(%222) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %224 = "stablehlo.reshape"(%223) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %225 = "stablehlo.slice"(%222) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %226 = "stablehlo.reshape"(%225) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %227 = "stablehlo.multiply"(%224, %216) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %228 = "stablehlo.multiply"(%226, %218) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %229 = "stablehlo.subtract"(%227, %228) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %230 = "stablehlo.multiply"(%224, %218) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %231 = "stablehlo.multiply"(%226, %216) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %232 = "stablehlo.add"(%230, %231) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %233 = "stablehlo.reshape"(%229) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %234 = "stablehlo.reshape"(%232) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %235 = "stablehlo.concatenate"(%233, %234) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %236 = "stablehlo.reshape"(%235) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %237 = "stablehlo.reshape"(%236) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %238 = "stablehlo.slice"(%202) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %239 = "stablehlo.concatenate"(%237, %238) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %240 = "stablehlo.convert"(%arg35) : (tensor<1xi32>) -> tensor<1xf32>
    %241 = "stablehlo.broadcast_in_dim"(%240) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %242 = "stablehlo.broadcast_in_dim"(%arg36) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %243 = "stablehlo.multiply"(%241, %242) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %244 = "stablehlo.cosine"(%243) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %245 = "stablehlo.broadcast_in_dim"(%244) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %246 = "stablehlo.sine"(%243) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %247 = "stablehlo.broadcast_in_dim"(%246) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %248 = "stablehlo.slice"(%206) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %249 = "stablehlo.reshape"(%248) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %250 = "stablehlo.slice"(%249) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %251 = "stablehlo.reshape"(%250) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %252 = "stablehlo.slice"(%251) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %253 = "stablehlo.reshape"(%252) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %254 = "stablehlo.slice"(%251) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %255 = "stablehlo.reshape"(%254) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %256 = "stablehlo.multiply"(%253, %245) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %257 = "stablehlo.multiply"(%255, %247) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %258 = "stablehlo.subtract"(%256, %257) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %259 = "stablehlo.multiply"(%253, %247) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %260 = "stablehlo.multiply"(%255, %245) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %261 = "stablehlo.add"(%259, %260) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %262 = "stablehlo.reshape"(%258) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %263 = "stablehlo.reshape"(%261) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %264 = "stablehlo.concatenate"(%262, %263) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %265 = "stablehlo.reshape"(%264) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %266 = "stablehlo.reshape"(%265) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %267 = "stablehlo.slice"(%206) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %268 = "stablehlo.concatenate"(%266, %267) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %269 = "stablehlo.slice"(%268) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %270 = "stablehlo.reshape"(%arg38) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %271 = "stablehlo.convert"(%269) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %272 = "stablehlo.scatter"(%270, %arg37, %271) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %273 = "stablehlo.reshape"(%272) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %274 = "stablehlo.slice"(%210) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %275 = "stablehlo.reshape"(%arg39) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %276 = "stablehlo.convert"(%274) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %277 = "stablehlo.scatter"(%275, %arg37, %276) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %278 = "stablehlo.reshape"(%277) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %279 = "stablehlo.gather"(%273, %arg40) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %280 = "stablehlo.convert"(%279) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %281 = "stablehlo.reshape"(%280) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %282 = "stablehlo.gather"(%278, %arg40) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %283 = "stablehlo.convert"(%282) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %284 = "stablehlo.reshape"(%283) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %285 = "stablehlo.slice"(%239) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %286 = "stablehlo.reshape"(%285) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %287 = "stablehlo.dot_general"(%286, %281) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %288 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %289 = "stablehlo.multiply"(%287, %288) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %290 = "stablehlo.broadcast_in_dim"(%arg41) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %291 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %292 = "stablehlo.compare"(%291, %290) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %293 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %294 = "stablehlo.select"(%292, %289, %293) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %295 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %296 = "stablehlo.reduce"(%294, %295) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %297 = "stablehlo.broadcast_in_dim"(%296) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %298 = "stablehlo.subtract"(%294, %297) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %299 = "stablehlo.exponential"(%298) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %300 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %301 = "stablehlo.reduce"(%299, %300) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %302 = "stablehlo.broadcast_in_dim"(%301) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %303 = "stablehlo.divide"(%299, %302) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %304 = "stablehlo.dot_general"(%303, %284) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %305 = "stablehlo.reshape"(%304) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %306 = "stablehlo.slice"(%128) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %307 = "stablehlo.concatenate"(%305, %306) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %308 = "stablehlo.slice"(%307) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %309 = "stablehlo.dot_general"(%308, %arg42) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %310 = "stablehlo.slice"(%176) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %311 = "stablehlo.concatenate"(%309, %310) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %312 = "stablehlo.slice"(%181) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %313 = "stablehlo.slice"(%311) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %314 = "stablehlo.add"(%312, %313) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %315 = "stablehlo.slice"(%181) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %316 = "stablehlo.concatenate"(%314, %315) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %317 = "stablehlo.slice"(%316) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %318 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %319 = "stablehlo.multiply"(%317, %317) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %320 = "stablehlo.reduce"(%319, %318) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %321 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %322 = "stablehlo.divide"(%320, %321) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %323 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %324 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %325 = "stablehlo.add"(%322, %324) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %326 = "stablehlo.sqrt"(%325) : (tensor<1xf32>) -> tensor<1xf32>
    %327 = "stablehlo.divide"(%323, %326) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %328 = "stablehlo.broadcast_in_dim"(%327) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %329 = "stablehlo.multiply"(%317, %328) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %330 = "stablehlo.broadcast_in_dim"(%arg43) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %331 = "stablehlo.multiply"(%329, %330) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %332 = "stablehlo.slice"(%198) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %333 = "stablehlo.concatenate"(%331, %332) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %334 = "stablehlo.slice"(%333) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %335 = "stablehlo.dot_general"(%334, %arg44) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %336 = "stablehlo.slice"(%172) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %337 = "stablehlo.concatenate"(%335, %336) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %338 = "stablehlo.slice"(%333) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %339 = "stablehlo.dot_general"(%338, %arg45) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %340 = "stablehlo.slice"(%162) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %341 = "stablehlo.concatenate"(%339, %340) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %342 = "stablehlo.slice"(%337) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %343 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %344 = "stablehlo.negate"(%342) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %345 = "stablehlo.exponential"(%344) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %346 = "stablehlo.add"(%343, %345) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %347 = "stablehlo.divide"(%342, %346) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %348 = "stablehlo.slice"(%341) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %349 = "stablehlo.multiply"(%347, %348) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %350 = "stablehlo.slice"(%337) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %351 = "stablehlo.concatenate"(%349, %350) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %352 = "stablehlo.slice"(%351) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %353 = "stablehlo.dot_general"(%352, %arg46) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %354 = "stablehlo.slice"(%311) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %355 = "stablehlo.concatenate"(%353, %354) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %356 = "stablehlo.slice"(%316) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %357 = "stablehlo.slice"(%355) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %358 = "stablehlo.add"(%356, %357) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %359 = "stablehlo.slice"(%316) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %360 = "stablehlo.concatenate"(%358, %359) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %361 = "stablehlo.slice"(%360) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %362 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %363 = "stablehlo.multiply"(%361, %361) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %364 = "stablehlo.reduce"(%363, %362) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %365 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %366 = "stablehlo.divide"(%364, %365) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %367 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %368 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %369 = "stablehlo.add"(%366, %368) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %370 = "stablehlo.sqrt"(%369) : (tensor<1xf32>) -> tensor<1xf32>
    %371 = "stablehlo.divide"(%367, %370) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %372 = "stablehlo.broadcast_in_dim"(%371) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %373 = "stablehlo.multiply"(%361, %372) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %374 = "stablehlo.broadcast_in_dim"(%arg47) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %375 = "stablehlo.multiply"(%373, %374) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %376 = "stablehlo.slice"(%333) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %377 = "stablehlo.concatenate"(%375, %376) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %378 = "stablehlo.slice"(%377) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %379 = "stablehlo.dot_general"(%378, %arg48) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %380 = "stablehlo.slice"(%239) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %381 = "stablehlo.concatenate"(%379, %380) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %382 = "stablehlo.slice"(%377) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %383 = "stablehlo.dot_general"(%382, %arg49) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %384 = "stablehlo.slice"(%268) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %385 = "stablehlo.concatenate"(%383, %384) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %386 = "stablehlo.slice"(%377) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %387 = "stablehlo.dot_general"(%386, %arg50) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %388 = "stablehlo.slice"(%210) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %389 = "stablehlo.concatenate"(%387, %388) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %390 = "stablehlo.convert"(%arg51) : (tensor<1xi32>) -> tensor<1xf32>
    %391 = "stablehlo.broadcast_in_dim"(%390) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %392 = "stablehlo.broadcast_in_dim"(%arg52) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %393 = "stablehlo.multiply"(%391, %392) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %394 = "stablehlo.cosine"(%393) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %395 = "stablehlo.broadcast_in_dim"(%394) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %396 = "stablehlo.sine"(%393) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %397 = "stablehlo.broadcast_in_dim"(%396) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %398 = "stablehlo.slice"(%381) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %399 = "stablehlo.reshape"(%398) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %400 = "stablehlo.slice"(%399) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %401 = "stablehlo.reshape"(%400) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %402 = "stablehlo.slice"(%401) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %403 = "stablehlo.reshape"(%402) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %404 = "stablehlo.slice"(%401) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %405 = "stablehlo.reshape"(%404) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %406 = "stablehlo.multiply"(%403, %395) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %407 = "stablehlo.multiply"(%405, %397) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %408 = "stablehlo.subtract"(%406, %407) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %409 = "stablehlo.multiply"(%403, %397) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %410 = "stablehlo.multiply"(%405, %395) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %411 = "stablehlo.add"(%409, %410) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %412 = "stablehlo.reshape"(%408) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %413 = "stablehlo.reshape"(%411) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %414 = "stablehlo.concatenate"(%412, %413) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %415 = "stablehlo.reshape"(%414) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %416 = "stablehlo.reshape"(%415) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %417 = "stablehlo.slice"(%381) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %418 = "stablehlo.concatenate"(%416, %417) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %419 = "stablehlo.convert"(%arg53) : (tensor<1xi32>) -> tensor<1xf32>
    %420 = "stablehlo.broadcast_in_dim"(%419) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %421 = "stablehlo.broadcast_in_dim"(%arg54) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %422 = "stablehlo.multiply"(%420, %421) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %423 = "stablehlo.cosine"(%422) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %424 = "stablehlo.broadcast_in_dim"(%423) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %425 = "stablehlo.sine"(%422) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %426 = "stablehlo.broadcast_in_dim"(%425) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %427 = "stablehlo.slice"(%385) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %428 = "stablehlo.reshape"(%427) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %429 = "stablehlo.slice"(%428) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %430 = "stablehlo.reshape"(%429) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %431 = "stablehlo.slice"(%430) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %432 = "stablehlo.reshape"(%431) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %433 = "stablehlo.slice"(%430) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %434 = "stablehlo.reshape"(%433) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %435 = "stablehlo.multiply"(%432, %424) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %436 = "stablehlo.multiply"(%434, %426) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %437 = "stablehlo.subtract"(%435, %436) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %438 = "stablehlo.multiply"(%432, %426) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %439 = "stablehlo.multiply"(%434, %424) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %440 = "stablehlo.add"(%438, %439) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %441 = "stablehlo.reshape"(%437) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %442 = "stablehlo.reshape"(%440) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %443 = "stablehlo.concatenate"(%441, %442) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %444 = "stablehlo.reshape"(%443) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %445 = "stablehlo.reshape"(%444) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %446 = "stablehlo.slice"(%385) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %447 = "stablehlo.concatenate"(%445, %446) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %448 = "stablehlo.slice"(%447) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %449 = "stablehlo.reshape"(%arg56) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %450 = "stablehlo.convert"(%448) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %451 = "stablehlo.scatter"(%449, %arg55, %450) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %452 = "stablehlo.reshape"(%451) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %453 = "stablehlo.slice"(%389) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %454 = "stablehlo.reshape"(%arg57) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %455 = "stablehlo.convert"(%453) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %456 = "stablehlo.scatter"(%454, %arg55, %455) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %457 = "stablehlo.reshape"(%456) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %458 = "stablehlo.gather"(%452, %arg58) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %459 = "stablehlo.convert"(%458) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %460 = "stablehlo.reshape"(%459) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %461 = "stablehlo.gather"(%457, %arg58) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %462 = "stablehlo.convert"(%461) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %463 = "stablehlo.reshape"(%462) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %464 = "stablehlo.slice"(%418) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %465 = "stablehlo.reshape"(%464) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %466 = "stablehlo.dot_general"(%465, %460) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %467 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %468 = "stablehlo.multiply"(%466, %467) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %469 = "stablehlo.broadcast_in_dim"(%arg59) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %470 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %471 = "stablehlo.compare"(%470, %469) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %472 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %473 = "stablehlo.select"(%471, %468, %472) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %474 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %475 = "stablehlo.reduce"(%473, %474) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %476 = "stablehlo.broadcast_in_dim"(%475) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %477 = "stablehlo.subtract"(%473, %476) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %478 = "stablehlo.exponential"(%477) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %479 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %480 = "stablehlo.reduce"(%478, %479) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %481 = "stablehlo.broadcast_in_dim"(%480) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %482 = "stablehlo.divide"(%478, %481) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %483 = "stablehlo.dot_general"(%482, %463) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %484 = "stablehlo.reshape"(%483) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %485 = "stablehlo.slice"(%307) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %486 = "stablehlo.concatenate"(%484, %485) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %487 = "stablehlo.slice"(%486) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %488 = "stablehlo.dot_general"(%487, %arg60) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %489 = "stablehlo.slice"(%355) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %490 = "stablehlo.concatenate"(%488, %489) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %491 = "stablehlo.slice"(%360) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %492 = "stablehlo.slice"(%490) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %493 = "stablehlo.add"(%491, %492) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %494 = "stablehlo.slice"(%360) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %495 = "stablehlo.concatenate"(%493, %494) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %496 = "stablehlo.slice"(%495) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %497 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %498 = "stablehlo.multiply"(%496, %496) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %499 = "stablehlo.reduce"(%498, %497) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %500 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %501 = "stablehlo.divide"(%499, %500) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %502 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %503 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %504 = "stablehlo.add"(%501, %503) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %505 = "stablehlo.sqrt"(%504) : (tensor<1xf32>) -> tensor<1xf32>
    %506 = "stablehlo.divide"(%502, %505) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %507 = "stablehlo.broadcast_in_dim"(%506) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %508 = "stablehlo.multiply"(%496, %507) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %509 = "stablehlo.broadcast_in_dim"(%arg61) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %510 = "stablehlo.multiply"(%508, %509) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %511 = "stablehlo.slice"(%377) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %512 = "stablehlo.concatenate"(%510, %511) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %513 = "stablehlo.slice"(%512) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %514 = "stablehlo.dot_general"(%513, %arg62) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %515 = "stablehlo.slice"(%351) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %516 = "stablehlo.concatenate"(%514, %515) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %517 = "stablehlo.slice"(%512) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %518 = "stablehlo.dot_general"(%517, %arg63) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %519 = "stablehlo.slice"(%341) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %520 = "stablehlo.concatenate"(%518, %519) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %521 = "stablehlo.slice"(%516) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %522 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %523 = "stablehlo.negate"(%521) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %524 = "stablehlo.exponential"(%523) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %525 = "stablehlo.add"(%522, %524) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %526 = "stablehlo.divide"(%521, %525) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %527 = "stablehlo.slice"(%520) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %528 = "stablehlo.multiply"(%526, %527) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %529 = "stablehlo.slice"(%516) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %530 = "stablehlo.concatenate"(%528, %529) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %531 = "stablehlo.slice"(%530) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %532 = "stablehlo.dot_general"(%531, %arg64) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %533 = "stablehlo.slice"(%490) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %534 = "stablehlo.concatenate"(%532, %533) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %535 = "stablehlo.slice"(%495) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %536 = "stablehlo.slice"(%534) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %537 = "stablehlo.add"(%535, %536) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %538 = "stablehlo.slice"(%495) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %539 = "stablehlo.concatenate"(%537, %538) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %540 = "stablehlo.slice"(%539) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %541 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %542 = "stablehlo.multiply"(%540, %540) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %543 = "stablehlo.reduce"(%542, %541) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %544 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %545 = "stablehlo.divide"(%543, %544) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %546 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %547 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %548 = "stablehlo.add"(%545, %547) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %549 = "stablehlo.sqrt"(%548) : (tensor<1xf32>) -> tensor<1xf32>
    %550 = "stablehlo.divide"(%546, %549) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %551 = "stablehlo.broadcast_in_dim"(%550) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %552 = "stablehlo.multiply"(%540, %551) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %553 = "stablehlo.broadcast_in_dim"(%arg65) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %554 = "stablehlo.multiply"(%552, %553) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %555 = "stablehlo.slice"(%512) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %556 = "stablehlo.concatenate"(%554, %555) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %557 = "stablehlo.slice"(%556) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %558 = "stablehlo.dot_general"(%557, %arg66) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %559 = "stablehlo.slice"(%418) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %560 = "stablehlo.concatenate"(%558, %559) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %561 = "stablehlo.slice"(%556) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %562 = "stablehlo.dot_general"(%561, %arg67) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %563 = "stablehlo.slice"(%447) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %564 = "stablehlo.concatenate"(%562, %563) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %565 = "stablehlo.slice"(%556) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %566 = "stablehlo.dot_general"(%565, %arg68) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %567 = "stablehlo.slice"(%389) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %568 = "stablehlo.concatenate"(%566, %567) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %569 = "stablehlo.convert"(%arg69) : (tensor<1xi32>) -> tensor<1xf32>
    %570 = "stablehlo.broadcast_in_dim"(%569) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %571 = "stablehlo.broadcast_in_dim"(%arg70) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %572 = "stablehlo.multiply"(%570, %571) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %573 = "stablehlo.cosine"(%572) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %574 = "stablehlo.broadcast_in_dim"(%573) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %575 = "stablehlo.sine"(%572) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %576 = "stablehlo.broadcast_in_dim"(%575) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %577 = "stablehlo.slice"(%560) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %578 = "stablehlo.reshape"(%577) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %579 = "stablehlo.slice"(%578) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %580 = "stablehlo.reshape"(%579) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %581 = "stablehlo.slice"(%580) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %582 = "stablehlo.reshape"(%581) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %583 = "stablehlo.slice"(%580) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %584 = "stablehlo.reshape"(%583) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %585 = "stablehlo.multiply"(%582, %574) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %586 = "stablehlo.multiply"(%584, %576) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %587 = "stablehlo.subtract"(%585, %586) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %588 = "stablehlo.multiply"(%582, %576) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %589 = "stablehlo.multiply"(%584, %574) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %590 = "stablehlo.add"(%588, %589) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %591 = "stablehlo.reshape"(%587) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %592 = "stablehlo.reshape"(%590) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %593 = "stablehlo.concatenate"(%591, %592) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %594 = "stablehlo.reshape"(%593) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %595 = "stablehlo.reshape"(%594) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %596 = "stablehlo.slice"(%560) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %597 = "stablehlo.concatenate"(%595, %596) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %598 = "stablehlo.convert"(%arg71) : (tensor<1xi32>) -> tensor<1xf32>
    %599 = "stablehlo.broadcast_in_dim"(%598) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %600 = "stablehlo.broadcast_in_dim"(%arg72) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %601 = "stablehlo.multiply"(%599, %600) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %602 = "stablehlo.cosine"(%601) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %603 = "stablehlo.broadcast_in_dim"(%602) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %604 = "stablehlo.sine"(%601) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %605 = "stablehlo.broadcast_in_dim"(%604) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %606 = "stablehlo.slice"(%564) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %607 = "stablehlo.reshape"(%606) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %608 = "stablehlo.slice"(%607) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %609 = "stablehlo.reshape"(%608) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %610 = "stablehlo.slice"(%609) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %611 = "stablehlo.reshape"(%610) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %612 = "stablehlo.slice"(%609) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %613 = "stablehlo.reshape"(%612) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %614 = "stablehlo.multiply"(%611, %603) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %615 = "stablehlo.multiply"(%613, %605) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %616 = "stablehlo.subtract"(%614, %615) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %617 = "stablehlo.multiply"(%611, %605) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %618 = "stablehlo.multiply"(%613, %603) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %619 = "stablehlo.add"(%617, %618) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %620 = "stablehlo.reshape"(%616) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %621 = "stablehlo.reshape"(%619) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %622 = "stablehlo.concatenate"(%620, %621) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %623 = "stablehlo.reshape"(%622) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %624 = "stablehlo.reshape"(%623) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %625 = "stablehlo.slice"(%564) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %626 = "stablehlo.concatenate"(%624, %625) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %627 = "stablehlo.slice"(%626) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %628 = "stablehlo.reshape"(%arg74) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %629 = "stablehlo.convert"(%627) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %630 = "stablehlo.scatter"(%628, %arg73, %629) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %631 = "stablehlo.reshape"(%630) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %632 = "stablehlo.slice"(%568) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %633 = "stablehlo.reshape"(%arg75) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %634 = "stablehlo.convert"(%632) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %635 = "stablehlo.scatter"(%633, %arg73, %634) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %636 = "stablehlo.reshape"(%635) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %637 = "stablehlo.gather"(%631, %arg76) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %638 = "stablehlo.convert"(%637) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %639 = "stablehlo.reshape"(%638) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %640 = "stablehlo.gather"(%636, %arg76) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %641 = "stablehlo.convert"(%640) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %642 = "stablehlo.reshape"(%641) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %643 = "stablehlo.slice"(%597) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %644 = "stablehlo.reshape"(%643) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %645 = "stablehlo.dot_general"(%644, %639) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %646 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %647 = "stablehlo.multiply"(%645, %646) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %648 = "stablehlo.broadcast_in_dim"(%arg77) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %649 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %650 = "stablehlo.compare"(%649, %648) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %651 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %652 = "stablehlo.select"(%650, %647, %651) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %653 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %654 = "stablehlo.reduce"(%652, %653) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %655 = "stablehlo.broadcast_in_dim"(%654) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %656 = "stablehlo.subtract"(%652, %655) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %657 = "stablehlo.exponential"(%656) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %658 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %659 = "stablehlo.reduce"(%657, %658) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %660 = "stablehlo.broadcast_in_dim"(%659) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %661 = "stablehlo.divide"(%657, %660) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %662 = "stablehlo.dot_general"(%661, %642) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %663 = "stablehlo.reshape"(%662) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %664 = "stablehlo.slice"(%486) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %665 = "stablehlo.concatenate"(%663, %664) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %666 = "stablehlo.slice"(%665) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %667 = "stablehlo.dot_general"(%666, %arg78) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %668 = "stablehlo.slice"(%534) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %669 = "stablehlo.concatenate"(%667, %668) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %670 = "stablehlo.slice"(%539) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %671 = "stablehlo.slice"(%669) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %672 = "stablehlo.add"(%670, %671) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %673 = "stablehlo.slice"(%539) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %674 = "stablehlo.concatenate"(%672, %673) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %675 = "stablehlo.slice"(%674) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %676 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %677 = "stablehlo.multiply"(%675, %675) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %678 = "stablehlo.reduce"(%677, %676) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %679 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %680 = "stablehlo.divide"(%678, %679) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %681 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %682 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %683 = "stablehlo.add"(%680, %682) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %684 = "stablehlo.sqrt"(%683) : (tensor<1xf32>) -> tensor<1xf32>
    %685 = "stablehlo.divide"(%681, %684) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %686 = "stablehlo.broadcast_in_dim"(%685) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %687 = "stablehlo.multiply"(%675, %686) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %688 = "stablehlo.broadcast_in_dim"(%arg79) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %689 = "stablehlo.multiply"(%687, %688) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %690 = "stablehlo.slice"(%556) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %691 = "stablehlo.concatenate"(%689, %690) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %692 = "stablehlo.slice"(%691) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %693 = "stablehlo.dot_general"(%692, %arg80) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %694 = "stablehlo.slice"(%530) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %695 = "stablehlo.concatenate"(%693, %694) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %696 = "stablehlo.slice"(%691) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %697 = "stablehlo.dot_general"(%696, %arg81) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %698 = "stablehlo.slice"(%520) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %699 = "stablehlo.concatenate"(%697, %698) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %700 = "stablehlo.slice"(%695) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %701 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %702 = "stablehlo.negate"(%700) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %703 = "stablehlo.exponential"(%702) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %704 = "stablehlo.add"(%701, %703) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %705 = "stablehlo.divide"(%700, %704) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %706 = "stablehlo.slice"(%699) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %707 = "stablehlo.multiply"(%705, %706) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %708 = "stablehlo.slice"(%695) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %709 = "stablehlo.concatenate"(%707, %708) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %710 = "stablehlo.slice"(%709) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %711 = "stablehlo.dot_general"(%710, %arg82) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %712 = "stablehlo.slice"(%669) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %713 = "stablehlo.concatenate"(%711, %712) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %714 = "stablehlo.slice"(%674) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %715 = "stablehlo.slice"(%713) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %716 = "stablehlo.add"(%714, %715) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %717 = "stablehlo.slice"(%674) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %718 = "stablehlo.concatenate"(%716, %717) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %719 = "stablehlo.slice"(%718) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %720 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %721 = "stablehlo.multiply"(%719, %719) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %722 = "stablehlo.reduce"(%721, %720) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %723 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %724 = "stablehlo.divide"(%722, %723) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %725 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %726 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %727 = "stablehlo.add"(%724, %726) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %728 = "stablehlo.sqrt"(%727) : (tensor<1xf32>) -> tensor<1xf32>
    %729 = "stablehlo.divide"(%725, %728) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %730 = "stablehlo.broadcast_in_dim"(%729) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %731 = "stablehlo.multiply"(%719, %730) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %732 = "stablehlo.broadcast_in_dim"(%arg83) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %733 = "stablehlo.multiply"(%731, %732) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %734 = "stablehlo.slice"(%691) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %735 = "stablehlo.concatenate"(%733, %734) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %736 = "stablehlo.slice"(%735) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %737 = "stablehlo.dot_general"(%736, %arg84) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %738 = "stablehlo.slice"(%597) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %739 = "stablehlo.concatenate"(%737, %738) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %740 = "stablehlo.slice"(%735) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %741 = "stablehlo.dot_general"(%740, %arg85) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %742 = "stablehlo.slice"(%626) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %743 = "stablehlo.concatenate"(%741, %742) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %744 = "stablehlo.slice"(%735) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %745 = "stablehlo.dot_general"(%744, %arg86) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %746 = "stablehlo.slice"(%568) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %747 = "stablehlo.concatenate"(%745, %746) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %748 = "stablehlo.convert"(%arg87) : (tensor<1xi32>) -> tensor<1xf32>
    %749 = "stablehlo.broadcast_in_dim"(%748) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %750 = "stablehlo.broadcast_in_dim"(%arg88) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %751 = "stablehlo.multiply"(%749, %750) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %752 = "stablehlo.cosine"(%751) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %753 = "stablehlo.broadcast_in_dim"(%752) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %754 = "stablehlo.sine"(%751) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %755 = "stablehlo.broadcast_in_dim"(%754) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %756 = "stablehlo.slice"(%739) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %757 = "stablehlo.reshape"(%756) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %758 = "stablehlo.slice"(%757) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %759 = "stablehlo.reshape"(%758) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %760 = "stablehlo.slice"(%759) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %761 = "stablehlo.reshape"(%760) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %762 = "stablehlo.slice"(%759) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %763 = "stablehlo.reshape"(%762) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %764 = "stablehlo.multiply"(%761, %753) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %765 = "stablehlo.multiply"(%763, %755) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %766 = "stablehlo.subtract"(%764, %765) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %767 = "stablehlo.multiply"(%761, %755) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %768 = "stablehlo.multiply"(%763, %753) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %769 = "stablehlo.add"(%767, %768) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %770 = "stablehlo.reshape"(%766) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %771 = "stablehlo.reshape"(%769) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %772 = "stablehlo.concatenate"(%770, %771) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %773 = "stablehlo.reshape"(%772) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %774 = "stablehlo.reshape"(%773) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %775 = "stablehlo.slice"(%739) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %776 = "stablehlo.concatenate"(%774, %775) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %777 = "stablehlo.convert"(%arg89) : (tensor<1xi32>) -> tensor<1xf32>
    %778 = "stablehlo.broadcast_in_dim"(%777) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %779 = "stablehlo.broadcast_in_dim"(%arg90) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %780 = "stablehlo.multiply"(%778, %779) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %781 = "stablehlo.cosine"(%780) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %782 = "stablehlo.broadcast_in_dim"(%781) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %783 = "stablehlo.sine"(%780) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %784 = "stablehlo.broadcast_in_dim"(%783) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %785 = "stablehlo.slice"(%743) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %786 = "stablehlo.reshape"(%785) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %787 = "stablehlo.slice"(%786) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %788 = "stablehlo.reshape"(%787) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %789 = "stablehlo.slice"(%788) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %790 = "stablehlo.reshape"(%789) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %791 = "stablehlo.slice"(%788) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %792 = "stablehlo.reshape"(%791) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %793 = "stablehlo.multiply"(%790, %782) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %794 = "stablehlo.multiply"(%792, %784) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %795 = "stablehlo.subtract"(%793, %794) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %796 = "stablehlo.multiply"(%790, %784) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %797 = "stablehlo.multiply"(%792, %782) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %798 = "stablehlo.add"(%796, %797) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %799 = "stablehlo.reshape"(%795) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %800 = "stablehlo.reshape"(%798) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %801 = "stablehlo.concatenate"(%799, %800) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %802 = "stablehlo.reshape"(%801) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %803 = "stablehlo.reshape"(%802) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %804 = "stablehlo.slice"(%743) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<255x32xf32>
    %805 = "stablehlo.concatenate"(%803, %804) {dimension = 0 : i64} : (tensor<1x32xf32>, tensor<255x32xf32>) -> tensor<256x32xf32>
    %806 = "stablehlo.slice"(%805) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %807 = "stablehlo.reshape"(%arg92) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %808 = "stablehlo.convert"(%806) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %809 = "stablehlo.scatter"(%807, %arg91, %808) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %810 = "stablehlo.reshape"(%809) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %811 = "stablehlo.slice"(%747) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 32>, strides = array<i64: 1, 1>} : (tensor<256x32xf32>) -> tensor<1x32xf32>
    %812 = "stablehlo.reshape"(%arg93) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %813 = "stablehlo.convert"(%811) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %814 = "stablehlo.scatter"(%812, %arg91, %813) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %815 = "stablehlo.reshape"(%814) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %816 = "stablehlo.gather"(%810, %arg94) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %817 = "stablehlo.convert"(%816) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %818 = "stablehlo.reshape"(%817) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %819 = "stablehlo.gather"(%815, %arg94) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %820 = "stablehlo.convert"(%819) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %821 = "stablehlo.reshape"(%820) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %822 = "stablehlo.slice"(%776) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %823 = "stablehlo.reshape"(%822) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %824 = "stablehlo.dot_general"(%823, %818) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %825 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %826 = "stablehlo.multiply"(%824, %825) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %827 = "stablehlo.broadcast_in_dim"(%arg95) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %828 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %829 = "stablehlo.compare"(%828, %827) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %830 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %831 = "stablehlo.select"(%829, %826, %830) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %832 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %833 = "stablehlo.reduce"(%831, %832) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %834 = "stablehlo.broadcast_in_dim"(%833) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %835 = "stablehlo.subtract"(%831, %834) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %836 = "stablehlo.exponential"(%835) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %837 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %838 = "stablehlo.reduce"(%836, %837) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %839 = "stablehlo.broadcast_in_dim"(%838) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %840 = "stablehlo.divide"(%836, %839) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %841 = "stablehlo.dot_general"(%840, %821) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %842 = "stablehlo.reshape"(%841) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %843 = "stablehlo.slice"(%665) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %844 = "stablehlo.concatenate"(%842, %843) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %845 = "stablehlo.slice"(%844) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %846 = "stablehlo.dot_general"(%845, %arg96) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %847 = "stablehlo.slice"(%713) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %848 = "stablehlo.concatenate"(%846, %847) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %849 = "stablehlo.slice"(%718) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %850 = "stablehlo.slice"(%848) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %851 = "stablehlo.add"(%849, %850) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %852 = "stablehlo.slice"(%718) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %853 = "stablehlo.concatenate"(%851, %852) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %854 = "stablehlo.slice"(%853) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %855 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %856 = "stablehlo.multiply"(%854, %854) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %857 = "stablehlo.reduce"(%856, %855) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %858 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %859 = "stablehlo.divide"(%857, %858) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %860 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %861 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %862 = "stablehlo.add"(%859, %861) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %863 = "stablehlo.sqrt"(%862) : (tensor<1xf32>) -> tensor<1xf32>
    %864 = "stablehlo.divide"(%860, %863) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %865 = "stablehlo.broadcast_in_dim"(%864) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %866 = "stablehlo.multiply"(%854, %865) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %867 = "stablehlo.broadcast_in_dim"(%arg97) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %868 = "stablehlo.multiply"(%866, %867) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %869 = "stablehlo.slice"(%735) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %870 = "stablehlo.concatenate"(%868, %869) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %871 = "stablehlo.slice"(%870) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %872 = "stablehlo.dot_general"(%871, %arg98) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %873 = "stablehlo.slice"(%709) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %874 = "stablehlo.concatenate"(%872, %873) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %875 = "stablehlo.slice"(%870) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %876 = "stablehlo.dot_general"(%875, %arg99) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %877 = "stablehlo.slice"(%699) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %878 = "stablehlo.concatenate"(%876, %877) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %879 = "stablehlo.slice"(%874) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %880 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %881 = "stablehlo.negate"(%879) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %882 = "stablehlo.exponential"(%881) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %883 = "stablehlo.add"(%880, %882) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %884 = "stablehlo.divide"(%879, %883) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %885 = "stablehlo.slice"(%878) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %886 = "stablehlo.multiply"(%884, %885) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %887 = "stablehlo.slice"(%874) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<255x172xf32>
    %888 = "stablehlo.concatenate"(%886, %887) {dimension = 0 : i64} : (tensor<1x172xf32>, tensor<255x172xf32>) -> tensor<256x172xf32>
    %889 = "stablehlo.slice"(%888) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 172>, strides = array<i64: 1, 1>} : (tensor<256x172xf32>) -> tensor<1x172xf32>
    %890 = "stablehlo.dot_general"(%889, %arg100) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %891 = "stablehlo.slice"(%848) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %892 = "stablehlo.concatenate"(%890, %891) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %893 = "stablehlo.slice"(%853) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %894 = "stablehlo.slice"(%892) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %895 = "stablehlo.add"(%893, %894) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %896 = "stablehlo.slice"(%853) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 256, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<255x64xf32>
    %897 = "stablehlo.concatenate"(%895, %896) {dimension = 0 : i64} : (tensor<1x64xf32>, tensor<255x64xf32>) -> tensor<256x64xf32>
    %898 = "stablehlo.slice"(%897) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 64>, strides = array<i64: 1, 1>} : (tensor<256x64xf32>) -> tensor<1x64xf32>
    %899 = "stablehlo.gather"(%898, %arg101) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 64>} : (tensor<1x64xf32>, tensor<1x1xi32>) -> tensor<1x64xf32>
    %900 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %901 = "stablehlo.multiply"(%899, %899) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %902 = "stablehlo.reduce"(%901, %900) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %903 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %904 = "stablehlo.divide"(%902, %903) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %905 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %906 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %907 = "stablehlo.add"(%904, %906) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %908 = "stablehlo.sqrt"(%907) : (tensor<1xf32>) -> tensor<1xf32>
    %909 = "stablehlo.divide"(%905, %908) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %910 = "stablehlo.broadcast_in_dim"(%909) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %911 = "stablehlo.multiply"(%899, %910) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %912 = "stablehlo.broadcast_in_dim"(%arg102) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %913 = "stablehlo.multiply"(%911, %912) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %914 = "stablehlo.dot_general"(%913, %arg103) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>} : (tensor<1x64xf32>, tensor<512x64xf32>) -> tensor<1x512xf32>
    "func.return"(%897, %870, %776, %805, %747, %844, %892, %888, %878, %913, %914, %94, %99, %273, %278, %452, %457, %631, %636, %810, %815) : (tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x32xf32>, tensor<256x32xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x172xf32>, tensor<256x172xf32>, tensor<1x64xf32>, tensor<1x512xf32>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>) -> ()
  }
}
