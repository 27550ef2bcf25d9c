module @caracal {
  func.func public @main(%arg0: tensor<512x64xf32>, %arg1: tensor<1x1xi32>, %arg2: tensor<256x64xf32>, %arg3: tensor<i32>, %arg4: tensor<i32>, %arg5: tensor<i32>, %arg6: tensor<i32>, %arg7: tensor<i32>, %arg8: tensor<64xf32>, %arg9: tensor<256x64xf32>, %arg10: tensor<i32>, %arg11: tensor<i32>, %arg12: tensor<i32>, %arg13: tensor<64x64xf32>, %arg14: tensor<i32>, %arg15: tensor<i32>, %arg16: tensor<256x64xf32>, %arg17: tensor<i32>, %arg18: tensor<i32>, %arg19: tensor<i32>, %arg20: tensor<32x64xf32>, %arg21: tensor<i32>, %arg22: tensor<i32>, %arg23: tensor<256x32xf32>, %arg24: tensor<i32>, %arg25: tensor<i32>, %arg26: tensor<i32>, %arg27: tensor<32x64xf32>, %arg28: tensor<i32>, %arg29: tensor<i32>, %arg30: tensor<256x32xf32>, %arg31: tensor<i32>, %arg32: tensor<i32>, %arg33: tensor<i32>, %arg34: tensor<1xi32>, %arg35: tensor<4xf32>, %arg36: tensor<i32>, %arg37: tensor<i32>, %arg38: tensor<i32>, %arg39: tensor<i32>, %arg40: tensor<i32>, %arg41: tensor<1xi32>, %arg42: tensor<4xf32>, %arg43: tensor<i32>, %arg44: tensor<i32>, %arg45: tensor<i32>, %arg46: tensor<i32>, %arg47: tensor<i32>, %arg48: tensor<1x1xi32>, %arg49: tensor<8x16x32xf16> {tf.aliasing_output = 11 : i32}, %arg50: tensor<i32>, %arg51: tensor<i32>, %arg52: tensor<8x16x32xf16> {tf.aliasing_output = 12 : i32}, %arg53: tensor<i32>, %arg54: tensor<i32>, %arg55: tensor<8x1xi32>, %arg56: tensor<1xi32>, %arg57: tensor<i32>, %arg58: tensor<i32>, %arg59: tensor<256x64xf32>, %arg60: tensor<i32>, %arg61: tensor<i32>, %arg62: tensor<i32>, %arg63: tensor<64x64xf32>, %arg64: tensor<i32>, %arg65: tensor<i32>, %arg66: tensor<256x64xf32>, %arg67: tensor<i32>, %arg68: tensor<i32>, %arg69: tensor<i32>, %arg70: tensor<i32>, %arg71: tensor<i32>, %arg72: tensor<i32>, %arg73: tensor<i32>, %arg74: tensor<i32>, %arg75: tensor<i32>, %arg76: tensor<i32>, %arg77: tensor<i32>, %arg78: tensor<i32>, %arg79: tensor<64xf32>, %arg80: tensor<i32>, %arg81: tensor<i32>, %arg82: tensor<i32>, %arg83: tensor<172x64xf32>, %arg84: tensor<i32>, %arg85: tensor<i32>, %arg86: tensor<256x172xf32>, %arg87: tensor<i32>, %arg88: tensor<i32>, %arg89: tensor<i32>, %arg90: tensor<172x64xf32>, %arg91: tensor<i32>, %arg92: tensor<i32>, %arg93: tensor<256x172xf32>, %arg94: tensor<i32>, %arg95: tensor<i32>, %arg96: tensor<i32>, %arg97: tensor<i32>, %arg98: tensor<i32>, %arg99: tensor<i32>, %arg100: tensor<i32>, %arg101: tensor<i32>, %arg102: tensor<i32>, %arg103: tensor<i32>, %arg104: tensor<64x172xf32>, %arg105: tensor<i32>, %arg106: tensor<i32>, %arg107: tensor<i32>, %arg108: tensor<i32>, %arg109: tensor<i32>, %arg110: tensor<i32>, %arg111: tensor<i32>, %arg112: tensor<i32>, %arg113: tensor<i32>, %arg114: tensor<i32>, %arg115: tensor<i32>, %arg116: tensor<i32>, %arg117: tensor<i32>, %arg118: tensor<i32>, %arg119: tensor<64xf32>, %arg120: tensor<i32>, %arg121: tensor<i32>, %arg122: tensor<i32>, %arg123: tensor<64x64xf32>, %arg124: tensor<i32>, %arg125: tensor<i32>, %arg126: tensor<i32>, %arg127: tensor<i32>, %arg128: tensor<i32>, %arg129: tensor<32x64xf32>, %arg130: tensor<i32>, %arg131: tensor<i32>, %arg132: tensor<i32>, %arg133: tensor<i32>, %arg134: tensor<i32>, %arg135: tensor<32x64xf32>, %arg136: tensor<i32>, %arg137: tensor<i32>, %arg138: tensor<i32>, %arg139: tensor<i32>, %arg140: tensor<i32>, %arg141: tensor<1xi32>, %arg142: tensor<4xf32>, %arg143: tensor<i32>, %arg144: tensor<i32>, %arg145: tensor<i32>, %arg146: tensor<i32>, %arg147: tensor<i32>, %arg148: tensor<1xi32>, %arg149: tensor<4xf32>, %arg150: tensor<i32>, %arg151: tensor<i32>, %arg152: tensor<i32>, %arg153: tensor<i32>, %arg154: tensor<i32>, %arg155: tensor<1x1xi32>, %arg156: tensor<8x16x32xf16> {tf.aliasing_output = 13 : i32}, %arg157: tensor<i32>, %arg158: tensor<i32>, %arg159: tensor<8x16x32xf16> {tf.aliasing_output = 14 : i32}, %arg160: tensor<i32>, %arg161: tensor<i32>, %arg162: tensor<8x1xi32>, %arg163: tensor<1xi32>, %arg164: tensor<i32>, %arg165: tensor<i32>, %arg166: tensor<i32>, %arg167: tensor<i32>, %arg168: tensor<i32>, %arg169: tensor<64x64xf32>, %arg170: tensor<i32>, %arg171: tensor<i32>, %arg172: tensor<i32>, %arg173: tensor<i32>, %arg174: tensor<i32>, %arg175: tensor<i32>, %arg176: tensor<i32>, %arg177: tensor<i32>, %arg178: tensor<i32>, %arg179: tensor<i32>, %arg180: tensor<i32>, %arg181: tensor<i32>, %arg182: tensor<i32>, %arg183: tensor<i32>, %arg184: tensor<64xf32>, %arg185: tensor<i32>, %arg186: tensor<i32>, %arg187: tensor<i32>, %arg188: tensor<172x64xf32>, %arg189: tensor<i32>, %arg190: tensor<i32>, %arg191: tensor<i32>, %arg192: tensor<i32>, %arg193: tensor<i32>, %arg194: tensor<172x64xf32>, %arg195: tensor<i32>, %arg196: tensor<i32>, %arg197: tensor<i32>, %arg198: tensor<i32>, %arg199: tensor<i32>, %arg200: tensor<i32>, %arg201: tensor<i32>, %arg202: tensor<i32>, %arg203: tensor<i32>, %arg204: tensor<i32>, %arg205: tensor<i32>, %arg206: tensor<i32>, %arg207: tensor<64x172xf32>, %arg208: tensor<i32>, %arg209: tensor<i32>, %arg210: tensor<i32>, %arg211: tensor<i32>, %arg212: tensor<i32>, %arg213: tensor<i32>, %arg214: tensor<i32>, %arg215: tensor<i32>, %arg216: tensor<i32>, %arg217: tensor<i32>, %arg218: tensor<i32>, %arg219: tensor<i32>, %arg220: tensor<i32>, %arg221: tensor<i32>, %arg222: tensor<64xf32>, %arg223: tensor<i32>, %arg224: tensor<i32>, %arg225: tensor<i32>, %arg226: tensor<64x64xf32>, %arg227: tensor<i32>, %arg228: tensor<i32>, %arg229: tensor<i32>, %arg230: tensor<i32>, %arg231: tensor<i32>, %arg232: tensor<32x64xf32>, %arg233: tensor<i32>, %arg234: tensor<i32>, %arg235: tensor<i32>, %arg236: tensor<i32>, %arg237: tensor<i32>, %arg238: tensor<32x64xf32>, %arg239: tensor<i32>, %arg240: tensor<i32>, %arg241: tensor<i32>, %arg242: tensor<i32>, %arg243: tensor<i32>, %arg244: tensor<1xi32>, %arg245: tensor<4xf32>, %arg246: tensor<i32>, %arg247: tensor<i32>, %arg248: tensor<i32>, %arg249: tensor<i32>, %arg250: tensor<i32>, %arg251: tensor<1xi32>, %arg252: tensor<4xf32>, %arg253: tensor<i32>, %arg254: tensor<i32>, %arg255: tensor<i32>, %arg256: tensor<i32>, %arg257: tensor<i32>, %arg258: tensor<1x1xi32>, %arg259: tensor<8x16x32xf16> {tf.aliasing_output = 15 : i32}, %arg260: tensor<i32>, %arg261: tensor<i32>, %arg262: tensor<8x16x32xf16> {tf.aliasing_output = 16 : i32}, %arg263: tensor<i32>, %arg264: tensor<i32>, %arg265: tensor<8x1xi32>, %arg266: tensor<1xi32>, %arg267: tensor<i32>, %arg268: tensor<i32>, %arg269: tensor<i32>, %arg270: tensor<i32>, %arg271: tensor<i32>, %arg272: tensor<64x64xf32>, %arg273: tensor<i32>, %arg274: tensor<i32>, %arg275: tensor<i32>, %arg276: tensor<i32>, %arg277: tensor<i32>, %arg278: tensor<i32>, %arg279: tensor<i32>, %arg280: tensor<i32>, %arg281: tensor<i32>, %arg282: tensor<i32>, %arg283: tensor<i32>, %arg284: tensor<i32>, %arg285: tensor<i32>, %arg286: tensor<i32>, %arg287: tensor<64xf32>, %arg288: tensor<i32>, %arg289: tensor<i32>, %arg290: tensor<i32>, %arg291: tensor<172x64xf32>, %arg292: tensor<i32>, %arg293: tensor<i32>, %arg294: tensor<i32>, %arg295: tensor<i32>, %arg296: tensor<i32>, %arg297: tensor<172x64xf32>, %arg298: tensor<i32>, %arg299: tensor<i32>, %arg300: tensor<i32>, %arg301: tensor<i32>, %arg302: tensor<i32>, %arg303: tensor<i32>, %arg304: tensor<i32>, %arg305: tensor<i32>, %arg306: tensor<i32>, %arg307: tensor<i32>, %arg308: tensor<i32>, %arg309: tensor<i32>, %arg310: tensor<64x172xf32>, %arg311: tensor<i32>, %arg312: tensor<i32>, %arg313: tensor<i32>, %arg314: tensor<i32>, %arg315: tensor<i32>, %arg316: tensor<i32>, %arg317: tensor<i32>, %arg318: tensor<i32>, %arg319: tensor<i32>, %arg320: tensor<i32>, %arg321: tensor<i32>, %arg322: tensor<i32>, %arg323: tensor<i32>, %arg324: tensor<i32>, %arg325: tensor<64xf32>, %arg326: tensor<i32>, %arg327: tensor<i32>, %arg328: tensor<i32>, %arg329: tensor<64x64xf32>, %arg330: tensor<i32>, %arg331: tensor<i32>, %arg332: tensor<i32>, %arg333: tensor<i32>, %arg334: tensor<i32>, %arg335: tensor<32x64xf32>, %arg336: tensor<i32>, %arg337: tensor<i32>, %arg338: tensor<i32>, %arg339: tensor<i32>, %arg340: tensor<i32>, %arg341: tensor<32x64xf32>, %arg342: tensor<i32>, %arg343: tensor<i32>, %arg344: tensor<i32>, %arg345: tensor<i32>, %arg346: tensor<i32>, %arg347: tensor<1xi32>, %arg348: tensor<4xf32>, %arg349: tensor<i32>, %arg350: tensor<i32>, %arg351: tensor<i32>, %arg352: tensor<i32>, %arg353: tensor<i32>, %arg354: tensor<1xi32>, %arg355: tensor<4xf32>, %arg356: tensor<i32>, %arg357: tensor<i32>, %arg358: tensor<i32>, %arg359: tensor<i32>, %arg360: tensor<i32>, %arg361: tensor<1x1xi32>, %arg362: tensor<8x16x32xf16> {tf.aliasing_output = 17 : i32}, %arg363: tensor<i32>, %arg364: tensor<i32>, %arg365: tensor<8x16x32xf16> {tf.aliasing_output = 18 : i32}, %arg366: tensor<i32>, %arg367: tensor<i32>, %arg368: tensor<8x1xi32>, %arg369: tensor<1xi32>, %arg370: tensor<i32>, %arg371: tensor<i32>, %arg372: tensor<i32>, %arg373: tensor<i32>, %arg374: tensor<i32>, %arg375: tensor<64x64xf32>, %arg376: tensor<i32>, %arg377: tensor<i32>, %arg378: tensor<i32>, %arg379: tensor<i32>, %arg380: tensor<i32>, %arg381: tensor<i32>, %arg382: tensor<i32>, %arg383: tensor<i32>, %arg384: tensor<i32>, %arg385: tensor<i32>, %arg386: tensor<i32>, %arg387: tensor<i32>, %arg388: tensor<i32>, %arg389: tensor<i32>, %arg390: tensor<64xf32>, %arg391: tensor<i32>, %arg392: tensor<i32>, %arg393: tensor<i32>, %arg394: tensor<172x64xf32>, %arg395: tensor<i32>, %arg396: tensor<i32>, %arg397: tensor<i32>, %arg398: tensor<i32>, %arg399: tensor<i32>, %arg400: tensor<172x64xf32>, %arg401: tensor<i32>, %arg402: tensor<i32>, %arg403: tensor<i32>, %arg404: tensor<i32>, %arg405: tensor<i32>, %arg406: tensor<i32>, %arg407: tensor<i32>, %arg408: tensor<i32>, %arg409: tensor<i32>, %arg410: tensor<i32>, %arg411: tensor<i32>, %arg412: tensor<i32>, %arg413: tensor<64x172xf32>, %arg414: tensor<i32>, %arg415: tensor<i32>, %arg416: tensor<i32>, %arg417: tensor<i32>, %arg418: tensor<i32>, %arg419: tensor<i32>, %arg420: tensor<i32>, %arg421: tensor<i32>, %arg422: tensor<i32>, %arg423: tensor<i32>, %arg424: tensor<i32>, %arg425: tensor<i32>, %arg426: tensor<i32>, %arg427: tensor<i32>, %arg428: tensor<64xf32>, %arg429: tensor<i32>, %arg430: tensor<i32>, %arg431: tensor<i32>, %arg432: tensor<64x64xf32>, %arg433: tensor<i32>, %arg434: tensor<i32>, %arg435: tensor<i32>, %arg436: tensor<i32>, %arg437: tensor<i32>, %arg438: tensor<32x64xf32>, %arg439: tensor<i32>, %arg440: tensor<i32>, %arg441: tensor<i32>, %arg442: tensor<i32>, %arg443: tensor<i32>, %arg444: tensor<32x64xf32>, %arg445: tensor<i32>, %arg446: tensor<i32>, %arg447: tensor<i32>, %arg448: tensor<i32>, %arg449: tensor<i32>, %arg450: tensor<1xi32>, %arg451: tensor<4xf32>, %arg452: tensor<i32>, %arg453: tensor<i32>, %arg454: tensor<i32>, %arg455: tensor<i32>, %arg456: tensor<i32>, %arg457: tensor<1xi32>, %arg458: tensor<4xf32>, %arg459: tensor<i32>, %arg460: tensor<i32>, %arg461: tensor<i32>, %arg462: tensor<i32>, %arg463: tensor<i32>, %arg464: tensor<1x1xi32>, %arg465: tensor<8x16x32xf16> {tf.aliasing_output = 19 : i32}, %arg466: tensor<i32>, %arg467: tensor<i32>, %arg468: tensor<8x16x32xf16> {tf.aliasing_output = 20 : i32}, %arg469: tensor<i32>, %arg470: tensor<i32>, %arg471: tensor<8x1xi32>, %arg472: tensor<1xi32>, %arg473: tensor<i32>, %arg474: tensor<i32>, %arg475: tensor<i32>, %arg476: tensor<i32>, %arg477: tensor<i32>, %arg478: tensor<64x64xf32>, %arg479: tensor<i32>, %arg480: tensor<i32>, %arg481: tensor<i32>, %arg482: tensor<i32>, %arg483: tensor<i32>, %arg484: tensor<i32>, %arg485: tensor<i32>, %arg486: tensor<i32>, %arg487: tensor<i32>, %arg488: tensor<i32>, %arg489: tensor<i32>, %arg490: tensor<i32>, %arg491: tensor<i32>, %arg492: tensor<i32>, %arg493: tensor<64xf32>, %arg494: tensor<i32>, %arg495: tensor<i32>, %arg496: tensor<i32>, %arg497: tensor<172x64xf32>, %arg498: tensor<i32>, %arg499: tensor<i32>, %arg500: tensor<i32>, %arg501: tensor<i32>, %arg502: tensor<i32>, %arg503: tensor<172x64xf32>, %arg504: tensor<i32>, %arg505: tensor<i32>, %arg506: tensor<i32>, %arg507: tensor<i32>, %arg508: tensor<i32>, %arg509: tensor<i32>, %arg510: tensor<i32>, %arg511: tensor<i32>, %arg512: tensor<i32>, %arg513: tensor<i32>, %arg514: tensor<i32>, %arg515: tensor<i32>, %arg516: tensor<64x172xf32>, %arg517: tensor<i32>, %arg518: tensor<i32>, %arg519: tensor<i32>, %arg520: tensor<i32>, %arg521: tensor<i32>, %arg522: tensor<i32>, %arg523: tensor<i32>, %arg524: tensor<i32>, %arg525: tensor<i32>, %arg526: tensor<i32>, %arg527: tensor<i32>, %arg528: tensor<i32>, %arg529: tensor<i32>, %arg530: tensor<i32>, %arg531: tensor<1x1xi32>, %arg532: tensor<64xf32>, %arg533: tensor<512x64xf32>) -> (tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x32xf32>, tensor<256x32xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x172xf32>, tensor<256x172xf32>, tensor<1x64xf32>, tensor<1x512xf32>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>) {
    %0 = "stablehlo.gather"(%arg0, %arg1) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 64>} : (tensor<512x64xf32>, tensor<1x1xi32>) -> tensor<1x64xf32>
    %1 = "stablehlo.dynamic_slice"(%arg2, %arg3, %arg4) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %2 = "stablehlo.broadcast_in_dim"(%arg5) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %3 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %4 = "stablehlo.compare"(%3, %2) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %5 = "stablehlo.select"(%4, %0, %1) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %6 = "stablehlo.dynamic_update_slice"(%arg2, %5, %arg3, %arg4) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %7 = "stablehlo.dynamic_slice"(%6, %arg6, %arg7) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %8 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %9 = "stablehlo.multiply"(%7, %7) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %10 = "stablehlo.reduce"(%9, %8) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %11 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %12 = "stablehlo.divide"(%10, %11) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %13 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %14 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %15 = "stablehlo.add"(%12, %14) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %16 = "stablehlo.sqrt"(%15) : (tensor<1xf32>) -> tensor<1xf32>
    %17 = "stablehlo.divide"(%13, %16) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %18 = "stablehlo.broadcast_in_dim"(%17) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %19 = "stablehlo.multiply"(%7, %18) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %20 = "stablehlo.broadcast_in_dim"(%arg8) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %21 = "stablehlo.multiply"(%19, %20) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %22 = "stablehlo.dynamic_slice"(%arg9, %arg10, %arg11) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %23 = "stablehlo.broadcast_in_dim"(%arg12) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %24 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %25 = "stablehlo.compare"(%24, %23) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %26 = "stablehlo.select"(%25, %21, %22) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %27 = "stablehlo.dynamic_update_slice"(%arg9, %26, %arg10, %arg11) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %28 = "stablehlo.dynamic_slice"(%27, %arg14, %arg15) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %29 = "stablehlo.dot_general"(%28, %arg13) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %30 = "stablehlo.dynamic_slice"(%arg16, %arg17, %arg18) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %31 = "stablehlo.broadcast_in_dim"(%arg19) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %32 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %33 = "stablehlo.compare"(%32, %31) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %34 = "stablehlo.select"(%33, %29, %30) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %35 = "stablehlo.dynamic_update_slice"(%arg16, %34, %arg17, %arg18) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %36 = "stablehlo.dynamic_slice"(%27, %arg21, %arg22) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %37 = "stablehlo.dot_general"(%36, %arg20) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %38 = "stablehlo.dynamic_slice"(%arg23, %arg24, %arg25) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %39 = "stablehlo.broadcast_in_dim"(%arg26) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %40 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %41 = "stablehlo.compare"(%40, %39) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %42 = "stablehlo.select"(%41, %37, %38) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %43 = "stablehlo.dynamic_update_slice"(%arg23, %42, %arg24, %arg25) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %44 = "stablehlo.dynamic_slice"(%27, %arg28, %arg29) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %45 = "stablehlo.dot_general"(%44, %arg27) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %46 = "stablehlo.dynamic_slice"(%arg30, %arg31, %arg32) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %47 = "stablehlo.broadcast_in_dim"(%arg33) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %48 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %49 = "stablehlo.compare"(%48, %47) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %50 = "stablehlo.select"(%49, %45, %46) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %51 = "stablehlo.dynamic_update_slice"(%arg30, %50, %arg31, %arg32) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %52 = "stablehlo.convert"(%arg34) : (tensor<1xi32>) -> tensor<1xf32>
    %53 = "stablehlo.broadcast_in_dim"(%52) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %54 = "stablehlo.broadcast_in_dim"(%arg35) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %55 = "stablehlo.multiply"(%53, %54) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %56 = "stablehlo.cosine"(%55) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %57 = "stablehlo.broadcast_in_dim"(%56) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %58 = "stablehlo.sine"(%55) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %59 = "stablehlo.broadcast_in_dim"(%58) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %60 = "stablehlo.dynamic_slice"(%35, %arg36, %arg37) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %61 = "stablehlo.reshape"(%60) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %62 = "stablehlo.slice"(%61) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %63 = "stablehlo.reshape"(%62) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %64 = "stablehlo.slice"(%63) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %65 = "stablehlo.reshape"(%64) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %66 = "stablehlo.slice"(%63) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %67 = "stablehlo.reshape"(%66) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %68 = "stablehlo.multiply"(%65, %57) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %69 = "stablehlo.multiply"(%67, %59) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %70 = "stablehlo.subtract"(%68, %69) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %71 = "stablehlo.multiply"(%65, %59) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %72 = "stablehlo.multiply"(%67, %57) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %73 = "stablehlo.add"(%71, %72) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %74 = "stablehlo.reshape"(%70) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %75 = "stablehlo.reshape"(%73) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %76 = "stablehlo.concatenate"(%74, %75) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %77 = "stablehlo.reshape"(%76) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %78 = "stablehlo.reshape"(%77) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %79 = "stablehlo.dynamic_slice"(%35, %arg38, %arg39) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %80 = "stablehlo.broadcast_in_dim"(%arg40) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %81 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %82 = "stablehlo.compare"(%81, %80) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %83 = "stablehlo.select"(%82, %78, %79) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %84 = "stablehlo.dynamic_update_slice"(%35, %83, %arg38, %arg39) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %85 = "stablehlo.convert"(%arg41) : (tensor<1xi32>) -> tensor<1xf32>
    %86 = "stablehlo.broadcast_in_dim"(%85) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %87 = "stablehlo.broadcast_in_dim"(%arg42) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %88 = "stablehlo.multiply"(%86, %87) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %89 = "stablehlo.cosine"(%88) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %90 = "stablehlo.broadcast_in_dim"(%89) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %91 = "stablehlo.sine"(%88) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %92 = "stablehlo.broadcast_in_dim"(%91) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %93 = "stablehlo.dynamic_slice"(%43, %arg43, %arg44) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %94 = "stablehlo.reshape"(%93) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %95 = "stablehlo.slice"(%94) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %96 = "stablehlo.reshape"(%95) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %97 = "stablehlo.slice"(%96) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %98 = "stablehlo.reshape"(%97) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %99 = "stablehlo.slice"(%96) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %100 = "stablehlo.reshape"(%99) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %101 = "stablehlo.multiply"(%98, %90) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %102 = "stablehlo.multiply"(%100, %92) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %103 = "stablehlo.subtract"(%101, %102) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %104 = "stablehlo.multiply"(%98, %92) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %105 = "stablehlo.multiply"(%100, %90) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %106 = "stablehlo.add"(%104, %105) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %107 = "stablehlo.reshape"(%103) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %108 = "stablehlo.reshape"(%106) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %109 = "stablehlo.concatenate"(%107, %108) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %110 = "stablehlo.reshape"(%109) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %111 = "stablehlo.reshape"(%110) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %112 = "stablehlo.dynamic_slice"(%43, %arg45, %arg46) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %113 = "stablehlo.broadcast_in_dim"(%arg47) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %114 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %115 = "stablehlo.compare"(%114, %113) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %116 = "stablehlo.select"(%115, %111, %112) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %117 = "stablehlo.dynamic_update_slice"(%43, %116, %arg45, %arg46) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %118 = "stablehlo.dynamic_slice"(%117, %arg50, %arg51) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %119 = "stablehlo.reshape"(%arg49) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %120 = "stablehlo.convert"(%118) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %121 = "stablehlo.scatter"(%119, %arg48, %120) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %122 = "stablehlo.reshape"(%121) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %123 = "stablehlo.dynamic_slice"(%51, %arg53, %arg54) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %124 = "stablehlo.reshape"(%arg52) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %125 = "stablehlo.convert"(%123) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %126 = "stablehlo.scatter"(%124, %arg48, %125) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %127 = "stablehlo.reshape"(%126) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %128 = "stablehlo.gather"(%122, %arg55) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %129 = "stablehlo.convert"(%128) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %130 = "stablehlo.reshape"(%129) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %131 = "stablehlo.gather"(%127, %arg55) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %132 = "stablehlo.convert"(%131) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %133 = "stablehlo.reshape"(%132) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %134 = "stablehlo.dynamic_slice"(%84, %arg57, %arg58) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %135 = "stablehlo.reshape"(%134) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %136 = "stablehlo.dot_general"(%135, %130) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %137 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %138 = "stablehlo.multiply"(%136, %137) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %139 = "stablehlo.broadcast_in_dim"(%arg56) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %140 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %141 = "stablehlo.compare"(%140, %139) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %142 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %143 = "stablehlo.select"(%141, %138, %142) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %144 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %145 = "stablehlo.reduce"(%143, %144) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %146 = "stablehlo.broadcast_in_dim"(%145) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %147 = "stablehlo.subtract"(%143, %146) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %148 = "stablehlo.exponential"(%147) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %149 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %150 = "stablehlo.reduce"(%148, %149) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %151 = "stablehlo.broadcast_in_dim"(%150) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %152 = "stablehlo.divide"(%148, %151) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %153 = "stablehlo.dot_general"(%152, %133) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %154 = "stablehlo.reshape"(%153) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %155 = "stablehlo.dynamic_slice"(%arg59, %arg60, %arg61) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %156 = "stablehlo.broadcast_in_dim"(%arg62) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %157 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %158 = "stablehlo.compare"(%157, %156) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %159 = "stablehlo.select"(%158, %154, %155) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %160 = "stablehlo.dynamic_update_slice"(%arg59, %159, %arg60, %arg61) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %161 = "stablehlo.dynamic_slice"(%160, %arg64, %arg65) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %162 = "stablehlo.dot_general"(%161, %arg63) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %163 = "stablehlo.dynamic_slice"(%arg66, %arg67, %arg68) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %164 = "stablehlo.broadcast_in_dim"(%arg69) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %165 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %166 = "stablehlo.compare"(%165, %164) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %167 = "stablehlo.select"(%166, %162, %163) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %168 = "stablehlo.dynamic_update_slice"(%arg66, %167, %arg67, %arg68) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %169 = "stablehlo.dynamic_slice"(%6, %arg70, %arg71) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %170 = "stablehlo.dynamic_slice"(%168, %arg72, %arg73) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %171 = "stablehlo.add"(%169, %170) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %172 = "stablehlo.dynamic_slice"(%6, %arg74, %arg75) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %173 = "stablehlo.broadcast_in_dim"(%arg76) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %174 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %175 = "stablehlo.compare"(%174, %173) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %176 = "stablehlo.select"(%175, %171, %172) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %177 = "stablehlo.dynamic_update_slice"(%6, %176, %arg74, %arg75) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %178 = "stablehlo.dynamic_slice"(%177, %arg77, %arg78) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %179 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %180 = "stablehlo.multiply"(%178, %178) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %181 = "stablehlo.reduce"(%180, %179) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %182 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %183 = "stablehlo.divide"(%181, %182) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %184 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %185 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %186 = "stablehlo.add"(%183, %185) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %187 = "stablehlo.sqrt"(%186) : (tensor<1xf32>) -> tensor<1xf32>
    %188 = "stablehlo.divide"(%184, %187) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %189 = "stablehlo.broadcast_in_dim"(%188) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %190 = "stablehlo.multiply"(%178, %189) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %191 = "stablehlo.broadcast_in_dim"(%arg79) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %192 = "stablehlo.multiply"(%190, %191) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %193 = "stablehlo.dynamic_slice"(%27, %arg80, %arg81) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %194 = "stablehlo.broadcast_in_dim"(%arg82) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %195 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %196 = "stablehlo.compare"(%195, %194) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %197 = "stablehlo.select"(%196, %192, %193) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %198 = "stablehlo.dynamic_update_slice"(%27, %197, %arg80, %arg81) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %199 = "stablehlo.dynamic_slice"(%198, %arg84, %arg85) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %200 = "stablehlo.dot_general"(%199, %arg83) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %201 = "stablehlo.dynamic_slice"(%arg86, %arg87, %arg88) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %202 = "stablehlo.broadcast_in_dim"(%arg89) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %203 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %204 = "stablehlo.compare"(%203, %202) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %205 = "stablehlo.select"(%204, %200, %201) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %206 = "stablehlo.dynamic_update_slice"(%arg86, %205, %arg87, %arg88) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %207 = "stablehlo.dynamic_slice"(%198, %arg91, %arg92) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %208 = "stablehlo.dot_general"(%207, %arg90) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %209 = "stablehlo.dynamic_slice"(%arg93, %arg94, %arg95) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %210 = "stablehlo.broadcast_in_dim"(%arg96) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %211 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %212 = "stablehlo.compare"(%211, %210) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %213 = "stablehlo.select"(%212, %208, %209) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %214 = "stablehlo.dynamic_update_slice"(%arg93, %213, %arg94, %arg95) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %215 = "stablehlo.dynamic_slice"(%206, %arg97, %arg98) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %216 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %217 = "stablehlo.negate"(%215) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %218 = "stablehlo.exponential"(%217) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %219 = "stablehlo.add"(%216, %218) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %220 = "stablehlo.divide"(%215, %219) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %221 = "stablehlo.dynamic_slice"(%214, %arg99, %arg100) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %222 = "stablehlo.multiply"(%220, %221) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %223 = "stablehlo.dynamic_slice"(%206, %arg101, %arg102) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %224 = "stablehlo.broadcast_in_dim"(%arg103) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %225 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %226 = "stablehlo.compare"(%225, %224) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %227 = "stablehlo.select"(%226, %222, %223) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %228 = "stablehlo.dynamic_update_slice"(%206, %227, %arg101, %arg102) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %229 = "stablehlo.dynamic_slice"(%228, %arg105, %arg106) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %230 = "stablehlo.dot_general"(%229, %arg104) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %231 = "stablehlo.dynamic_slice"(%168, %arg107, %arg108) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %232 = "stablehlo.broadcast_in_dim"(%arg109) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %233 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %234 = "stablehlo.compare"(%233, %232) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %235 = "stablehlo.select"(%234, %230, %231) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %236 = "stablehlo.dynamic_update_slice"(%168, %235, %arg107, %arg108) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %237 = "stablehlo.dynamic_slice"(%177, %arg110, %arg111) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %238 = "stablehlo.dynamic_slice"(%236, %arg112, %arg113) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %239 = "stablehlo.add"(%237, %238) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %240 = "stablehlo.dynamic_slice"(%177, %arg114, %arg115) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %241 = "stablehlo.broadcast_in_dim"(%arg116) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %242 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %243 = "stablehlo.compare"(%242, %241) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %244 = "stablehlo.select"(%243, %239, %240) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %245 = "stablehlo.dynamic_update_slice"(%177, %244, %arg114, %arg115) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %246 = "stablehlo.dynamic_slice"(%245, %arg117, %arg118) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %247 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %248 = "stablehlo.multiply"(%246, %246) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %249 = "stablehlo.reduce"(%248, %247) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %250 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %251 = "stablehlo.divide"(%249, %250) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %252 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %253 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %254 = "stablehlo.add"(%251, %253) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %255 = "stablehlo.sqrt"(%254) : (tensor<1xf32>) -> tensor<1xf32>
    %256 = "stablehlo.divide"(%252, %255) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %257 = "stablehlo.broadcast_in_dim"(%256) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %258 = "stablehlo.multiply"(%246, %257) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %259 = "stablehlo.broadcast_in_dim"(%arg119) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %260 = "stablehlo.multiply"(%258, %259) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %261 = "stablehlo.dynamic_slice"(%198, %arg120, %arg121) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %262 = "stablehlo.broadcast_in_dim"(%arg122) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %263 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %264 = "stablehlo.compare"(%263, %262) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %265 = "stablehlo.select"(%264, %260, %261) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %266 = "stablehlo.dynamic_update_slice"(%198, %265, %arg120, %arg121) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %267 = "stablehlo.dynamic_slice"(%266, %arg124, %arg125) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %268 = "stablehlo.dot_general"(%267, %arg123) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %269 = "stablehlo.dynamic_slice"(%84, %arg126, %arg127) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %270 = "stablehlo.broadcast_in_dim"(%arg128) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %271 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %272 = "stablehlo.compare"(%271, %270) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %273 = "stablehlo.select"(%272, %268, %269) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %274 = "stablehlo.dynamic_update_slice"(%84, %273, %arg126, %arg127) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %275 = "stablehlo.dynamic_slice"(%266, %arg130, %arg131) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %276 = "stablehlo.dot_general"(%275, %arg129) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %277 = "stablehlo.dynamic_slice"(%117, %arg132, %arg133) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %278 = "stablehlo.broadcast_in_dim"(%arg134) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %279 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %280 = "stablehlo.compare"(%279, %278) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %281 = "stablehlo.select"(%280, %276, %277) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %282 = "stablehlo.dynamic_update_slice"(%117, %281, %arg132, %arg133) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %283 = "stablehlo.dynamic_slice"(%266, %arg136, %arg137) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %284 = "stablehlo.dot_general"(%283, %arg135) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %285 = "stablehlo.dynamic_slice"(%51, %arg138, %arg139) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %286 = "stablehlo.broadcast_in_dim"(%arg140) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %287 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %288 = "stablehlo.compare"(%287, %286) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %289 = "stablehlo.select"(%288, %284, %285) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %290 = "stablehlo.dynamic_update_slice"(%51, %289, %arg138, %arg139) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %291 = "stablehlo.convert"(%arg141) : (tensor<1xi32>) -> tensor<1xf32>
    %292 = "stablehlo.broadcast_in_dim"(%291) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %293 = "stablehlo.broadcast_in_dim"(%arg142) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %294 = "stablehlo.multiply"(%292, %293) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %295 = "stablehlo.cosine"(%294) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %296 = "stablehlo.broadcast_in_dim"(%295) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %297 = "stablehlo.sine"(%294) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %298 = "stablehlo.broadcast_in_dim"(%297) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %299 = "stablehlo.dynamic_slice"(%274, %arg143, %arg144) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %300 = "stablehlo.reshape"(%299) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %301 = "stablehlo.slice"(%300) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %302 = "stablehlo.reshape"(%301) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %303 = "stablehlo.slice"(%302) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %304 = "stablehlo.reshape"(%303) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %305 = "stablehlo.slice"(%302) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %306 = "stablehlo.reshape"(%305) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %307 = "stablehlo.multiply"(%304, %296) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %308 = "stablehlo.multiply"(%306, %298) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %309 = "stablehlo.subtract"(%307, %308) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %310 = "stablehlo.multiply"(%304, %298) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %311 = "stablehlo.multiply"(%306, %296) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %312 = "stablehlo.add"(%310, %311) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %313 = "stablehlo.reshape"(%309) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %314 = "stablehlo.reshape"(%312) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %315 = "stablehlo.concatenate"(%313, %314) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %316 = "stablehlo.reshape"(%315) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %317 = "stablehlo.reshape"(%316) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %318 = "stablehlo.dynamic_slice"(%274, %arg145, %arg146) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %319 = "stablehlo.broadcast_in_dim"(%arg147) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %320 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %321 = "stablehlo.compare"(%320, %319) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %322 = "stablehlo.select"(%321, %317, %318) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %323 = "stablehlo.dynamic_update_slice"(%274, %322, %arg145, %arg146) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %324 = "stablehlo.convert"(%arg148) : (tensor<1xi32>) -> tensor<1xf32>
    %325 = "stablehlo.broadcast_in_dim"(%324) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %326 = "stablehlo.broadcast_in_dim"(%arg149) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %327 = "stablehlo.multiply"(%325, %326) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %328 = "stablehlo.cosine"(%327) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %329 = "stablehlo.broadcast_in_dim"(%328) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %330 = "stablehlo.sine"(%327) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %331 = "stablehlo.broadcast_in_dim"(%330) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %332 = "stablehlo.dynamic_slice"(%282, %arg150, %arg151) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %333 = "stablehlo.reshape"(%332) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %334 = "stablehlo.slice"(%333) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %335 = "stablehlo.reshape"(%334) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %336 = "stablehlo.slice"(%335) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %337 = "stablehlo.reshape"(%336) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %338 = "stablehlo.slice"(%335) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %339 = "stablehlo.reshape"(%338) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %340 = "stablehlo.multiply"(%337, %329) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %341 = "stablehlo.multiply"(%339, %331) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %342 = "stablehlo.subtract"(%340, %341) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %343 = "stablehlo.multiply"(%337, %331) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %344 = "stablehlo.multiply"(%339, %329) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %345 = "stablehlo.add"(%343, %344) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %346 = "stablehlo.reshape"(%342) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %347 = "stablehlo.reshape"(%345) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %348 = "stablehlo.concatenate"(%346, %347) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %349 = "stablehlo.reshape"(%348) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %350 = "stablehlo.reshape"(%349) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %351 = "stablehlo.dynamic_slice"(%282, %arg152, %arg153) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %352 = "stablehlo.broadcast_in_dim"(%arg154) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %353 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %354 = "stablehlo.compare"(%353, %352) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %355 = "stablehlo.select"(%354, %350, %351) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %356 = "stablehlo.dynamic_update_slice"(%282, %355, %arg152, %arg153) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %357 = "stablehlo.dynamic_slice"(%356, %arg157, %arg158) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %358 = "stablehlo.reshape"(%arg156) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %359 = "stablehlo.convert"(%357) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %360 = "stablehlo.scatter"(%358, %arg155, %359) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %361 = "stablehlo.reshape"(%360) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %362 = "stablehlo.dynamic_slice"(%290, %arg160, %arg161) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %363 = "stablehlo.reshape"(%arg159) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %364 = "stablehlo.convert"(%362) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %365 = "stablehlo.scatter"(%363, %arg155, %364) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %366 = "stablehlo.reshape"(%365) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %367 = "stablehlo.gather"(%361, %arg162) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %368 = "stablehlo.convert"(%367) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %369 = "stablehlo.reshape"(%368) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %370 = "stablehlo.gather"(%366, %arg162) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %371 = "stablehlo.convert"(%370) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %372 = "stablehlo.reshape"(%371) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %373 = "stablehlo.dynamic_slice"(%323, %arg164, %arg165) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %374 = "stablehlo.reshape"(%373) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %375 = "stablehlo.dot_general"(%374, %369) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %376 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %377 = "stablehlo.multiply"(%375, %376) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %378 = "stablehlo.broadcast_in_dim"(%arg163) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %379 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %380 = "stablehlo.compare"(%379, %378) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %381 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %382 = "stablehlo.select"(%380, %377, %381) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %383 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %384 = "stablehlo.reduce"(%382, %383) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %385 = "stablehlo.broadcast_in_dim"(%384) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %386 = "stablehlo.subtract"(%382, %385) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %387 = "stablehlo.exponential"(%386) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %388 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %389 = "stablehlo.reduce"(%387, %388) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %390 = "stablehlo.broadcast_in_dim"(%389) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %391 = "stablehlo.divide"(%387, %390) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %392 = "stablehlo.dot_general"(%391, %372) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %393 = "stablehlo.reshape"(%392) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %394 = "stablehlo.dynamic_slice"(%160, %arg166, %arg167) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %395 = "stablehlo.broadcast_in_dim"(%arg168) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %396 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %397 = "stablehlo.compare"(%396, %395) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %398 = "stablehlo.select"(%397, %393, %394) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %399 = "stablehlo.dynamic_update_slice"(%160, %398, %arg166, %arg167) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %400 = "stablehlo.dynamic_slice"(%399, %arg170, %arg171) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %401 = "stablehlo.dot_general"(%400, %arg169) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %402 = "stablehlo.dynamic_slice"(%236, %arg172, %arg173) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %403 = "stablehlo.broadcast_in_dim"(%arg174) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %404 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %405 = "stablehlo.compare"(%404, %403) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %406 = "stablehlo.select"(%405, %401, %402) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %407 = "stablehlo.dynamic_update_slice"(%236, %406, %arg172, %arg173) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %408 = "stablehlo.dynamic_slice"(%245, %arg175, %arg176) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %409 = "stablehlo.dynamic_slice"(%407, %arg177, %arg178) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %410 = "stablehlo.add"(%408, %409) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %411 = "stablehlo.dynamic_slice"(%245, %arg179, %arg180) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %412 = "stablehlo.broadcast_in_dim"(%arg181) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %413 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %414 = "stablehlo.compare"(%413, %412) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %415 = "stablehlo.select"(%414, %410, %411) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %416 = "stablehlo.dynamic_update_slice"(%245, %415, %arg179, %arg180) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %417 = "stablehlo.dynamic_slice"(%416, %arg182, %arg183) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %418 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %419 = "stablehlo.multiply"(%417, %417) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %420 = "stablehlo.reduce"(%419, %418) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %421 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %422 = "stablehlo.divide"(%420, %421) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %423 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %424 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %425 = "stablehlo.add"(%422, %424) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %426 = "stablehlo.sqrt"(%425) : (tensor<1xf32>) -> tensor<1xf32>
    %427 = "stablehlo.divide"(%423, %426) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %428 = "stablehlo.broadcast_in_dim"(%427) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %429 = "stablehlo.multiply"(%417, %428) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %430 = "stablehlo.broadcast_in_dim"(%arg184) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %431 = "stablehlo.multiply"(%429, %430) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %432 = "stablehlo.dynamic_slice"(%266, %arg185, %arg186) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %433 = "stablehlo.broadcast_in_dim"(%arg187) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %434 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %435 = "stablehlo.compare"(%434, %433) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %436 = "stablehlo.select"(%435, %431, %432) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %437 = "stablehlo.dynamic_update_slice"(%266, %436, %arg185, %arg186) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %438 = "stablehlo.dynamic_slice"(%437, %arg189, %arg190) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %439 = "stablehlo.dot_general"(%438, %arg188) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %440 = "stablehlo.dynamic_slice"(%228, %arg191, %arg192) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %441 = "stablehlo.broadcast_in_dim"(%arg193) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %442 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %443 = "stablehlo.compare"(%442, %441) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %444 = "stablehlo.select"(%443, %439, %440) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %445 = "stablehlo.dynamic_update_slice"(%228, %444, %arg191, %arg192) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %446 = "stablehlo.dynamic_slice"(%437, %arg195, %arg196) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %447 = "stablehlo.dot_general"(%446, %arg194) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %448 = "stablehlo.dynamic_slice"(%214, %arg197, %arg198) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %449 = "stablehlo.broadcast_in_dim"(%arg199) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %450 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %451 = "stablehlo.compare"(%450, %449) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %452 = "stablehlo.select"(%451, %447, %448) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %453 = "stablehlo.dynamic_update_slice"(%214, %452, %arg197, %arg198) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %454 = "stablehlo.dynamic_slice"(%445, %arg200, %arg201) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %455 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %456 = "stablehlo.negate"(%454) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %457 = "stablehlo.exponential"(%456) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %458 = "stablehlo.add"(%455, %457) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %459 = "stablehlo.divide"(%454, %458) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %460 = "stablehlo.dynamic_slice"(%453, %arg202, %arg203) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %461 = "stablehlo.multiply"(%459, %460) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %462 = "stablehlo.dynamic_slice"(%445, %arg204, %arg205) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %463 = "stablehlo.broadcast_in_dim"(%arg206) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %464 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %465 = "stablehlo.compare"(%464, %463) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %466 = "stablehlo.select"(%465, %461, %462) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %467 = "stablehlo.dynamic_update_slice"(%445, %466, %arg204, %arg205) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %468 = "stablehlo.dynamic_slice"(%467, %arg208, %arg209) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %469 = "stablehlo.dot_general"(%468, %arg207) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %470 = "stablehlo.dynamic_slice"(%407, %arg210, %arg211) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %471 = "stablehlo.broadcast_in_dim"(%arg212) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %472 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %473 = "stablehlo.compare"(%472, %471) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %474 = "stablehlo.select"(%473, %469, %470) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %475 = "stablehlo.dynamic_update_slice"(%407, %474, %arg210, %arg211) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %476 = "stablehlo.dynamic_slice"(%416, %arg213, %arg214) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %477 = "stablehlo.dynamic_slice"(%475, %arg215, %arg216) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %478 = "stablehlo.add"(%476, %477) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %479 = "stablehlo.dynamic_slice"(%416, %arg217, %arg218) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %480 = "stablehlo.broadcast_in_dim"(%arg219) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %481 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %482 = "stablehlo.compare"(%481, %480) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %483 = "stablehlo.select"(%482, %478, %479) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %484 = "stablehlo.dynamic_update_slice"(%416, %483, %arg217, %arg218) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %485 = "stablehlo.dynamic_slice"(%484, %arg220, %arg221) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %486 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %487 = "stablehlo.multiply"(%485, %485) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %488 = "stablehlo.reduce"(%487, %486) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %489 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %490 = "stablehlo.divide"(%488, %489) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %491 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %492 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %493 = "stablehlo.add"(%490, %492) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %494 = "stablehlo.sqrt"(%493) : (tensor<1xf32>) -> tensor<1xf32>
    %495 = "stablehlo.divide"(%491, %494) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %496 = "stablehlo.broadcast_in_dim"(%495) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %497 = "stablehlo.multiply"(%485, %496) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %498 = "stablehlo.broadcast_in_dim"(%arg222) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %499 = "stablehlo.multiply"(%497, %498) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %500 = "stablehlo.dynamic_slice"(%437, %arg223, %arg224) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %501 = "stablehlo.broadcast_in_dim"(%arg225) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %502 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %503 = "stablehlo.compare"(%502, %501) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %504 = "stablehlo.select"(%503, %499, %500) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %505 = "stablehlo.dynamic_update_slice"(%437, %504, %arg223, %arg224) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %506 = "stablehlo.dynamic_slice"(%505, %arg227, %arg228) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %507 = "stablehlo.dot_general"(%506, %arg226) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %508 = "stablehlo.dynamic_slice"(%323, %arg229, %arg230) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %509 = "stablehlo.broadcast_in_dim"(%arg231) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %510 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %511 = "stablehlo.compare"(%510, %509) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %512 = "stablehlo.select"(%511, %507, %508) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %513 = "stablehlo.dynamic_update_slice"(%323, %512, %arg229, %arg230) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %514 = "stablehlo.dynamic_slice"(%505, %arg233, %arg234) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %515 = "stablehlo.dot_general"(%514, %arg232) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %516 = "stablehlo.dynamic_slice"(%356, %arg235, %arg236) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %517 = "stablehlo.broadcast_in_dim"(%arg237) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %518 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %519 = "stablehlo.compare"(%518, %517) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %520 = "stablehlo.select"(%519, %515, %516) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %521 = "stablehlo.dynamic_update_slice"(%356, %520, %arg235, %arg236) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %522 = "stablehlo.dynamic_slice"(%505, %arg239, %arg240) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %523 = "stablehlo.dot_general"(%522, %arg238) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %524 = "stablehlo.dynamic_slice"(%290, %arg241, %arg242) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %525 = "stablehlo.broadcast_in_dim"(%arg243) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %526 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %527 = "stablehlo.compare"(%526, %525) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %528 = "stablehlo.select"(%527, %523, %524) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %529 = "stablehlo.dynamic_update_slice"(%290, %528, %arg241, %arg242) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %530 = "stablehlo.convert"(%arg244) : (tensor<1xi32>) -> tensor<1xf32>
    %531 = "stablehlo.broadcast_in_dim"(%530) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %532 = "stablehlo.broadcast_in_dim"(%arg245) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %533 = "stablehlo.multiply"(%531, %532) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %534 = "stablehlo.cosine"(%533) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %535 = "stablehlo.broadcast_in_dim"(%534) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %536 = "stablehlo.sine"(%533) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %537 = "stablehlo.broadcast_in_dim"(%536) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %538 = "stablehlo.dynamic_slice"(%513, %arg246, %arg247) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %539 = "stablehlo.reshape"(%538) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %540 = "stablehlo.slice"(%539) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %541 = "stablehlo.reshape"(%540) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %542 = "stablehlo.slice"(%541) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %543 = "stablehlo.reshape"(%542) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %544 = "stablehlo.slice"(%541) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %545 = "stablehlo.reshape"(%544) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %546 = "stablehlo.multiply"(%543, %535) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %547 = "stablehlo.multiply"(%545, %537) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %548 = "stablehlo.subtract"(%546, %547) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %549 = "stablehlo.multiply"(%543, %537) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %550 = "stablehlo.multiply"(%545, %535) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %551 = "stablehlo.add"(%549, %550) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %552 = "stablehlo.reshape"(%548) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %553 = "stablehlo.reshape"(%551) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %554 = "stablehlo.concatenate"(%552, %553) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %555 = "stablehlo.reshape"(%554) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %556 = "stablehlo.reshape"(%555) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %557 = "stablehlo.dynamic_slice"(%513, %arg248, %arg249) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %558 = "stablehlo.broadcast_in_dim"(%arg250) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %559 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %560 = "stablehlo.compare"(%559, %558) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %561 = "stablehlo.select"(%560, %556, %557) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %562 = "stablehlo.dynamic_update_slice"(%513, %561, %arg248, %arg249) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %563 = "stablehlo.convert"(%arg251) : (tensor<1xi32>) -> tensor<1xf32>
    %564 = "stablehlo.broadcast_in_dim"(%563) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %565 = "stablehlo.broadcast_in_dim"(%arg252) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %566 = "stablehlo.multiply"(%564, %565) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %567 = "stablehlo.cosine"(%566) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %568 = "stablehlo.broadcast_in_dim"(%567) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %569 = "stablehlo.sine"(%566) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %570 = "stablehlo.broadcast_in_dim"(%569) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %571 = "stablehlo.dynamic_slice"(%521, %arg253, %arg254) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %572 = "stablehlo.reshape"(%571) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %573 = "stablehlo.slice"(%572) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %574 = "stablehlo.reshape"(%573) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %575 = "stablehlo.slice"(%574) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %576 = "stablehlo.reshape"(%575) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %577 = "stablehlo.slice"(%574) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %578 = "stablehlo.reshape"(%577) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %579 = "stablehlo.multiply"(%576, %568) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %580 = "stablehlo.multiply"(%578, %570) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %581 = "stablehlo.subtract"(%579, %580) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %582 = "stablehlo.multiply"(%576, %570) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %583 = "stablehlo.multiply"(%578, %568) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %584 = "stablehlo.add"(%582, %583) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %585 = "stablehlo.reshape"(%581) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %586 = "stablehlo.reshape"(%584) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %587 = "stablehlo.concatenate"(%585, %586) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %588 = "stablehlo.reshape"(%587) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %589 = "stablehlo.reshape"(%588) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %590 = "stablehlo.dynamic_slice"(%521, %arg255, %arg256) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %591 = "stablehlo.broadcast_in_dim"(%arg257) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %592 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %593 = "stablehlo.compare"(%592, %591) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %594 = "stablehlo.select"(%593, %589, %590) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %595 = "stablehlo.dynamic_update_slice"(%521, %594, %arg255, %arg256) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %596 = "stablehlo.dynamic_slice"(%595, %arg260, %arg261) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %597 = "stablehlo.reshape"(%arg259) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %598 = "stablehlo.convert"(%596) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %599 = "stablehlo.scatter"(%597, %arg258, %598) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %600 = "stablehlo.reshape"(%599) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %601 = "stablehlo.dynamic_slice"(%529, %arg263, %arg264) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %602 = "stablehlo.reshape"(%arg262) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %603 = "stablehlo.convert"(%601) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %604 = "stablehlo.scatter"(%602, %arg258, %603) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %605 = "stablehlo.reshape"(%604) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %606 = "stablehlo.gather"(%600, %arg265) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %607 = "stablehlo.convert"(%606) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %608 = "stablehlo.reshape"(%607) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %609 = "stablehlo.gather"(%605, %arg265) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %610 = "stablehlo.convert"(%609) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %611 = "stablehlo.reshape"(%610) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %612 = "stablehlo.dynamic_slice"(%562, %arg267, %arg268) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %613 = "stablehlo.reshape"(%612) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %614 = "stablehlo.dot_general"(%613, %608) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %615 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %616 = "stablehlo.multiply"(%614, %615) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %617 = "stablehlo.broadcast_in_dim"(%arg266) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %618 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %619 = "stablehlo.compare"(%618, %617) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %620 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %621 = "stablehlo.select"(%619, %616, %620) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %622 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %623 = "stablehlo.reduce"(%621, %622) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %624 = "stablehlo.broadcast_in_dim"(%623) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %625 = "stablehlo.subtract"(%621, %624) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %626 = "stablehlo.exponential"(%625) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %627 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %628 = "stablehlo.reduce"(%626, %627) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %629 = "stablehlo.broadcast_in_dim"(%628) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %630 = "stablehlo.divide"(%626, %629) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %631 = "stablehlo.dot_general"(%630, %611) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %632 = "stablehlo.reshape"(%631) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %633 = "stablehlo.dynamic_slice"(%399, %arg269, %arg270) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %634 = "stablehlo.broadcast_in_dim"(%arg271) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %635 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %636 = "stablehlo.compare"(%635, %634) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %637 = "stablehlo.select"(%636, %632, %633) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %638 = "stablehlo.dynamic_update_slice"(%399, %637, %arg269, %arg270) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %639 = "stablehlo.dynamic_slice"(%638, %arg273, %arg274) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %640 = "stablehlo.dot_general"(%639, %arg272) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %641 = "stablehlo.dynamic_slice"(%475, %arg275, %arg276) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %642 = "stablehlo.broadcast_in_dim"(%arg277) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %643 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %644 = "stablehlo.compare"(%643, %642) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %645 = "stablehlo.select"(%644, %640, %641) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %646 = "stablehlo.dynamic_update_slice"(%475, %645, %arg275, %arg276) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %647 = "stablehlo.dynamic_slice"(%484, %arg278, %arg279) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %648 = "stablehlo.dynamic_slice"(%646, %arg280, %arg281) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %649 = "stablehlo.add"(%647, %648) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %650 = "stablehlo.dynamic_slice"(%484, %arg282, %arg283) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %651 = "stablehlo.broadcast_in_dim"(%arg284) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %652 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %653 = "stablehlo.compare"(%652, %651) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %654 = "stablehlo.select"(%653, %649, %650) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %655 = "stablehlo.dynamic_update_slice"(%484, %654, %arg282, %arg283) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %656 = "stablehlo.dynamic_slice"(%655, %arg285, %arg286) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %657 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %658 = "stablehlo.multiply"(%656, %656) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %659 = "stablehlo.reduce"(%658, %657) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %660 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %661 = "stablehlo.divide"(%659, %660) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %662 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %663 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %664 = "stablehlo.add"(%661, %663) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %665 = "stablehlo.sqrt"(%664) : (tensor<1xf32>) -> tensor<1xf32>
    %666 = "stablehlo.divide"(%662, %665) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %667 = "stablehlo.broadcast_in_dim"(%666) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %668 = "stablehlo.multiply"(%656, %667) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %669 = "stablehlo.broadcast_in_dim"(%arg287) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %670 = "stablehlo.multiply"(%668, %669) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %671 = "stablehlo.dynamic_slice"(%505, %arg288, %arg289) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %672 = "stablehlo.broadcast_in_dim"(%arg290) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %673 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %674 = "stablehlo.compare"(%673, %672) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %675 = "stablehlo.select"(%674, %670, %671) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %676 = "stablehlo.dynamic_update_slice"(%505, %675, %arg288, %arg289) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %677 = "stablehlo.dynamic_slice"(%676, %arg292, %arg293) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %678 = "stablehlo.dot_general"(%677, %arg291) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %679 = "stablehlo.dynamic_slice"(%467, %arg294, %arg295) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %680 = "stablehlo.broadcast_in_dim"(%arg296) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %681 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %682 = "stablehlo.compare"(%681, %680) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %683 = "stablehlo.select"(%682, %678, %679) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %684 = "stablehlo.dynamic_update_slice"(%467, %683, %arg294, %arg295) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %685 = "stablehlo.dynamic_slice"(%676, %arg298, %arg299) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %686 = "stablehlo.dot_general"(%685, %arg297) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %687 = "stablehlo.dynamic_slice"(%453, %arg300, %arg301) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %688 = "stablehlo.broadcast_in_dim"(%arg302) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %689 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %690 = "stablehlo.compare"(%689, %688) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %691 = "stablehlo.select"(%690, %686, %687) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %692 = "stablehlo.dynamic_update_slice"(%453, %691, %arg300, %arg301) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %693 = "stablehlo.dynamic_slice"(%684, %arg303, %arg304) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %694 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %695 = "stablehlo.negate"(%693) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %696 = "stablehlo.exponential"(%695) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %697 = "stablehlo.add"(%694, %696) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %698 = "stablehlo.divide"(%693, %697) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %699 = "stablehlo.dynamic_slice"(%692, %arg305, %arg306) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %700 = "stablehlo.multiply"(%698, %699) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %701 = "stablehlo.dynamic_slice"(%684, %arg307, %arg308) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %702 = "stablehlo.broadcast_in_dim"(%arg309) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %703 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %704 = "stablehlo.compare"(%703, %702) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %705 = "stablehlo.select"(%704, %700, %701) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %706 = "stablehlo.dynamic_update_slice"(%684, %705, %arg307, %arg308) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %707 = "stablehlo.dynamic_slice"(%706, %arg311, %arg312) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %708 = "stablehlo.dot_general"(%707, %arg310) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %709 = "stablehlo.dynamic_slice"(%646, %arg313, %arg314) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %710 = "stablehlo.broadcast_in_dim"(%arg315) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %711 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %712 = "stablehlo.compare"(%711, %710) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %713 = "stablehlo.select"(%712, %708, %709) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %714 = "stablehlo.dynamic_update_slice"(%646, %713, %arg313, %arg314) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %715 = "stablehlo.dynamic_slice"(%655, %arg316, %arg317) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %716 = "stablehlo.dynamic_slice"(%714, %arg318, %arg319) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %717 = "stablehlo.add"(%715, %716) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %718 = "stablehlo.dynamic_slice"(%655, %arg320, %arg321) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %719 = "stablehlo.broadcast_in_dim"(%arg322) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %720 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %721 = "stablehlo.compare"(%720, %719) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %722 = "stablehlo.select"(%721, %717, %718) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %723 = "stablehlo.dynamic_update_slice"(%655, %722, %arg320, %arg321) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %724 = "stablehlo.dynamic_slice"(%723, %arg323, %arg324) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %725 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %726 = "stablehlo.multiply"(%724, %724) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %727 = "stablehlo.reduce"(%726, %725) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %728 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %729 = "stablehlo.divide"(%727, %728) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %730 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %731 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %732 = "stablehlo.add"(%729, %731) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %733 = "stablehlo.sqrt"(%732) : (tensor<1xf32>) -> tensor<1xf32>
    %734 = "stablehlo.divide"(%730, %733) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %735 = "stablehlo.broadcast_in_dim"(%734) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %736 = "stablehlo.multiply"(%724, %735) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %737 = "stablehlo.broadcast_in_dim"(%arg325) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %738 = "stablehlo.multiply"(%736, %737) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %739 = "stablehlo.dynamic_slice"(%676, %arg326, %arg327) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %740 = "stablehlo.broadcast_in_dim"(%arg328) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %741 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %742 = "stablehlo.compare"(%741, %740) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %743 = "stablehlo.select"(%742, %738, %739) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %744 = "stablehlo.dynamic_update_slice"(%676, %743, %arg326, %arg327) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %745 = "stablehlo.dynamic_slice"(%744, %arg330, %arg331) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %746 = "stablehlo.dot_general"(%745, %arg329) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %747 = "stablehlo.dynamic_slice"(%562, %arg332, %arg333) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %748 = "stablehlo.broadcast_in_dim"(%arg334) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %749 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %750 = "stablehlo.compare"(%749, %748) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %751 = "stablehlo.select"(%750, %746, %747) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %752 = "stablehlo.dynamic_update_slice"(%562, %751, %arg332, %arg333) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %753 = "stablehlo.dynamic_slice"(%744, %arg336, %arg337) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %754 = "stablehlo.dot_general"(%753, %arg335) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %755 = "stablehlo.dynamic_slice"(%595, %arg338, %arg339) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %756 = "stablehlo.broadcast_in_dim"(%arg340) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %757 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %758 = "stablehlo.compare"(%757, %756) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %759 = "stablehlo.select"(%758, %754, %755) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %760 = "stablehlo.dynamic_update_slice"(%595, %759, %arg338, %arg339) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %761 = "stablehlo.dynamic_slice"(%744, %arg342, %arg343) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %762 = "stablehlo.dot_general"(%761, %arg341) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %763 = "stablehlo.dynamic_slice"(%529, %arg344, %arg345) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %764 = "stablehlo.broadcast_in_dim"(%arg346) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %765 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %766 = "stablehlo.compare"(%765, %764) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %767 = "stablehlo.select"(%766, %762, %763) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %768 = "stablehlo.dynamic_update_slice"(%529, %767, %arg344, %arg345) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %769 = "stablehlo.convert"(%arg347) : (tensor<1xi32>) -> tensor<1xf32>
    %770 = "stablehlo.broadcast_in_dim"(%769) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %771 = "stablehlo.broadcast_in_dim"(%arg348) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %772 = "stablehlo.multiply"(%770, %771) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %773 = "stablehlo.cosine"(%772) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %774 = "stablehlo.broadcast_in_dim"(%773) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %775 = "stablehlo.sine"(%772) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %776 = "stablehlo.broadcast_in_dim"(%775) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %777 = "stablehlo.dynamic_slice"(%752, %arg349, %arg350) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %778 = "stablehlo.reshape"(%777) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %779 = "stablehlo.slice"(%778) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %780 = "stablehlo.reshape"(%779) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %781 = "stablehlo.slice"(%780) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %782 = "stablehlo.reshape"(%781) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %783 = "stablehlo.slice"(%780) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %784 = "stablehlo.reshape"(%783) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %785 = "stablehlo.multiply"(%782, %774) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %786 = "stablehlo.multiply"(%784, %776) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %787 = "stablehlo.subtract"(%785, %786) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %788 = "stablehlo.multiply"(%782, %776) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %789 = "stablehlo.multiply"(%784, %774) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %790 = "stablehlo.add"(%788, %789) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %791 = "stablehlo.reshape"(%787) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %792 = "stablehlo.reshape"(%790) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %793 = "stablehlo.concatenate"(%791, %792) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %794 = "stablehlo.reshape"(%793) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %795 = "stablehlo.reshape"(%794) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %796 = "stablehlo.dynamic_slice"(%752, %arg351, %arg352) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %797 = "stablehlo.broadcast_in_dim"(%arg353) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %798 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %799 = "stablehlo.compare"(%798, %797) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %800 = "stablehlo.select"(%799, %795, %796) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %801 = "stablehlo.dynamic_update_slice"(%752, %800, %arg351, %arg352) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %802 = "stablehlo.convert"(%arg354) : (tensor<1xi32>) -> tensor<1xf32>
    %803 = "stablehlo.broadcast_in_dim"(%802) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %804 = "stablehlo.broadcast_in_dim"(%arg355) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %805 = "stablehlo.multiply"(%803, %804) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %806 = "stablehlo.cosine"(%805) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %807 = "stablehlo.broadcast_in_dim"(%806) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %808 = "stablehlo.sine"(%805) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %809 = "stablehlo.broadcast_in_dim"(%808) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %810 = "stablehlo.dynamic_slice"(%760, %arg356, %arg357) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %811 = "stablehlo.reshape"(%810) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %812 = "stablehlo.slice"(%811) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %813 = "stablehlo.reshape"(%812) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %814 = "stablehlo.slice"(%813) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %815 = "stablehlo.reshape"(%814) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %816 = "stablehlo.slice"(%813) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %817 = "stablehlo.reshape"(%816) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %818 = "stablehlo.multiply"(%815, %807) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %819 = "stablehlo.multiply"(%817, %809) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %820 = "stablehlo.subtract"(%818, %819) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %821 = "stablehlo.multiply"(%815, %809) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %822 = "stablehlo.multiply"(%817, %807) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %823 = "stablehlo.add"(%821, %822) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %824 = "stablehlo.reshape"(%820) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %825 = "stablehlo.reshape"(%823) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %826 = "stablehlo.concatenate"(%824, %825) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %827 = "stablehlo.reshape"(%826) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %828 = "stablehlo.reshape"(%827) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %829 = "stablehlo.dynamic_slice"(%760, %arg358, %arg359) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %830 = "stablehlo.broadcast_in_dim"(%arg360) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %831 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %832 = "stablehlo.compare"(%831, %830) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %833 = "stablehlo.select"(%832, %828, %829) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %834 = "stablehlo.dynamic_update_slice"(%760, %833, %arg358, %arg359) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %835 = "stablehlo.dynamic_slice"(%834, %arg363, %arg364) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %836 = "stablehlo.reshape"(%arg362) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %837 = "stablehlo.convert"(%835) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %838 = "stablehlo.scatter"(%836, %arg361, %837) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %839 = "stablehlo.reshape"(%838) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %840 = "stablehlo.dynamic_slice"(%768, %arg366, %arg367) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %841 = "stablehlo.reshape"(%arg365) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %842 = "stablehlo.convert"(%840) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %843 = "stablehlo.scatter"(%841, %arg361, %842) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %844 = "stablehlo.reshape"(%843) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %845 = "stablehlo.gather"(%839, %arg368) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %846 = "stablehlo.convert"(%845) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %847 = "stablehlo.reshape"(%846) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %848 = "stablehlo.gather"(%844, %arg368) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %849 = "stablehlo.convert"(%848) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %850 = "stablehlo.reshape"(%849) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %851 = "stablehlo.dynamic_slice"(%801, %arg370, %arg371) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %852 = "stablehlo.reshape"(%851) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %853 = "stablehlo.dot_general"(%852, %847) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %854 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %855 = "stablehlo.multiply"(%853, %854) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %856 = "stablehlo.broadcast_in_dim"(%arg369) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %857 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %858 = "stablehlo.compare"(%857, %856) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %859 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %860 = "stablehlo.select"(%858, %855, %859) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %861 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %862 = "stablehlo.reduce"(%860, %861) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %863 = "stablehlo.broadcast_in_dim"(%862) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %864 = "stablehlo.subtract"(%860, %863) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %865 = "stablehlo.exponential"(%864) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %866 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %867 = "stablehlo.reduce"(%865, %866) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %868 = "stablehlo.broadcast_in_dim"(%867) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %869 = "stablehlo.divide"(%865, %868) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %870 = "stablehlo.dot_general"(%869, %850) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %871 = "stablehlo.reshape"(%870) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %872 = "stablehlo.dynamic_slice"(%638, %arg372, %arg373) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %873 = "stablehlo.broadcast_in_dim"(%arg374) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %874 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %875 = "stablehlo.compare"(%874, %873) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %876 = "stablehlo.select"(%875, %871, %872) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %877 = "stablehlo.dynamic_update_slice"(%638, %876, %arg372, %arg373) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %878 = "stablehlo.dynamic_slice"(%877, %arg376, %arg377) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %879 = "stablehlo.dot_general"(%878, %arg375) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %880 = "stablehlo.dynamic_slice"(%714, %arg378, %arg379) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %881 = "stablehlo.broadcast_in_dim"(%arg380) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %882 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %883 = "stablehlo.compare"(%882, %881) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %884 = "stablehlo.select"(%883, %879, %880) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %885 = "stablehlo.dynamic_update_slice"(%714, %884, %arg378, %arg379) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %886 = "stablehlo.dynamic_slice"(%723, %arg381, %arg382) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %887 = "stablehlo.dynamic_slice"(%885, %arg383, %arg384) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %888 = "stablehlo.add"(%886, %887) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %889 = "stablehlo.dynamic_slice"(%723, %arg385, %arg386) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %890 = "stablehlo.broadcast_in_dim"(%arg387) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %891 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %892 = "stablehlo.compare"(%891, %890) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %893 = "stablehlo.select"(%892, %888, %889) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %894 = "stablehlo.dynamic_update_slice"(%723, %893, %arg385, %arg386) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %895 = "stablehlo.dynamic_slice"(%894, %arg388, %arg389) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %896 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %897 = "stablehlo.multiply"(%895, %895) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %898 = "stablehlo.reduce"(%897, %896) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %899 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %900 = "stablehlo.divide"(%898, %899) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %901 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %902 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %903 = "stablehlo.add"(%900, %902) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %904 = "stablehlo.sqrt"(%903) : (tensor<1xf32>) -> tensor<1xf32>
    %905 = "stablehlo.divide"(%901, %904) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %906 = "stablehlo.broadcast_in_dim"(%905) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %907 = "stablehlo.multiply"(%895, %906) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %908 = "stablehlo.broadcast_in_dim"(%arg390) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %909 = "stablehlo.multiply"(%907, %908) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %910 = "stablehlo.dynamic_slice"(%744, %arg391, %arg392) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %911 = "stablehlo.broadcast_in_dim"(%arg393) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %912 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %913 = "stablehlo.compare"(%912, %911) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %914 = "stablehlo.select"(%913, %909, %910) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %915 = "stablehlo.dynamic_update_slice"(%744, %914, %arg391, %arg392) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %916 = "stablehlo.dynamic_slice"(%915, %arg395, %arg396) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %917 = "stablehlo.dot_general"(%916, %arg394) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %918 = "stablehlo.dynamic_slice"(%706, %arg397, %arg398) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %919 = "stablehlo.broadcast_in_dim"(%arg399) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %920 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %921 = "stablehlo.compare"(%920, %919) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %922 = "stablehlo.select"(%921, %917, %918) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %923 = "stablehlo.dynamic_update_slice"(%706, %922, %arg397, %arg398) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %924 = "stablehlo.dynamic_slice"(%915, %arg401, %arg402) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %925 = "stablehlo.dot_general"(%924, %arg400) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %926 = "stablehlo.dynamic_slice"(%692, %arg403, %arg404) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %927 = "stablehlo.broadcast_in_dim"(%arg405) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %928 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %929 = "stablehlo.compare"(%928, %927) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %930 = "stablehlo.select"(%929, %925, %926) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %931 = "stablehlo.dynamic_update_slice"(%692, %930, %arg403, %arg404) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %932 = "stablehlo.dynamic_slice"(%923, %arg406, %arg407) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %933 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %934 = "stablehlo.negate"(%932) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %935 = "stablehlo.exponential"(%934) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %936 = "stablehlo.add"(%933, %935) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %937 = "stablehlo.divide"(%932, %936) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %938 = "stablehlo.dynamic_slice"(%931, %arg408, %arg409) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %939 = "stablehlo.multiply"(%937, %938) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %940 = "stablehlo.dynamic_slice"(%923, %arg410, %arg411) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %941 = "stablehlo.broadcast_in_dim"(%arg412) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %942 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %943 = "stablehlo.compare"(%942, %941) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %944 = "stablehlo.select"(%943, %939, %940) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %945 = "stablehlo.dynamic_update_slice"(%923, %944, %arg410, %arg411) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %946 = "stablehlo.dynamic_slice"(%945, %arg414, %arg415) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %947 = "stablehlo.dot_general"(%946, %arg413) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %948 = "stablehlo.dynamic_slice"(%885, %arg416, %arg417) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %949 = "stablehlo.broadcast_in_dim"(%arg418) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %950 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %951 = "stablehlo.compare"(%950, %949) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %952 = "stablehlo.select"(%951, %947, %948) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %953 = "stablehlo.dynamic_update_slice"(%885, %952, %arg416, %arg417) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %954 = "stablehlo.dynamic_slice"(%894, %arg419, %arg420) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %955 = "stablehlo.dynamic_slice"(%953, %arg421, %arg422) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %956 = "stablehlo.add"(%954, %955) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %957 = "stablehlo.dynamic_slice"(%894, %arg423, %arg424) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %958 = "stablehlo.broadcast_in_dim"(%arg425) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %959 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %960 = "stablehlo.compare"(%959, %958) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %961 = "stablehlo.select"(%960, %956, %957) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %962 = "stablehlo.dynamic_update_slice"(%894, %961, %arg423, %arg424) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %963 = "stablehlo.dynamic_slice"(%962, %arg426, %arg427) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %964 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %965 = "stablehlo.multiply"(%963, %963) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %966 = "stablehlo.reduce"(%965, %964) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %967 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %968 = "stablehlo.divide"(%966, %967) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %969 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %970 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %971 = "stablehlo.add"(%968, %970) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %972 = "stablehlo.sqrt"(%971) : (tensor<1xf32>) -> tensor<1xf32>
    %973 = "stablehlo.divide"(%969, %972) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %974 = "stablehlo.broadcast_in_dim"(%973) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %975 = "stablehlo.multiply"(%963, %974) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %976 = "stablehlo.broadcast_in_dim"(%arg428) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %977 = "stablehlo.multiply"(%975, %976) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %978 = "stablehlo.dynamic_slice"(%915, %arg429, %arg430) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %979 = "stablehlo.broadcast_in_dim"(%arg431) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %980 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %981 = "stablehlo.compare"(%980, %979) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %982 = "stablehlo.select"(%981, %977, %978) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %983 = "stablehlo.dynamic_update_slice"(%915, %982, %arg429, %arg430) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %984 = "stablehlo.dynamic_slice"(%983, %arg433, %arg434) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %985 = "stablehlo.dot_general"(%984, %arg432) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %986 = "stablehlo.dynamic_slice"(%801, %arg435, %arg436) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %987 = "stablehlo.broadcast_in_dim"(%arg437) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %988 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %989 = "stablehlo.compare"(%988, %987) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %990 = "stablehlo.select"(%989, %985, %986) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %991 = "stablehlo.dynamic_update_slice"(%801, %990, %arg435, %arg436) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %992 = "stablehlo.dynamic_slice"(%983, %arg439, %arg440) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %993 = "stablehlo.dot_general"(%992, %arg438) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %994 = "stablehlo.dynamic_slice"(%834, %arg441, %arg442) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %995 = "stablehlo.broadcast_in_dim"(%arg443) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %996 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %997 = "stablehlo.compare"(%996, %995) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %998 = "stablehlo.select"(%997, %993, %994) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %999 = "stablehlo.dynamic_update_slice"(%834, %998, %arg441, %arg442) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %1000 = "stablehlo.dynamic_slice"(%983, %arg445, %arg446) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1001 = "stablehlo.dot_general"(%1000, %arg444) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
    %1002 = "stablehlo.dynamic_slice"(%768, %arg447, %arg448) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1003 = "stablehlo.broadcast_in_dim"(%arg449) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %1004 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %1005 = "stablehlo.compare"(%1004, %1003) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %1006 = "stablehlo.select"(%1005, %1001, %1002) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %1007 = "stablehlo.dynamic_update_slice"(%768, %1006, %arg447, %arg448) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %1008 = "stablehlo.convert"(%arg450) : (tensor<1xi32>) -> tensor<1xf32>
    %1009 = "stablehlo.broadcast_in_dim"(%1008) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %1010 = "stablehlo.broadcast_in_dim"(%arg451) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %1011 = "stablehlo.multiply"(%1009, %1010) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %1012 = "stablehlo.cosine"(%1011) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1013 = "stablehlo.broadcast_in_dim"(%1012) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %1014 = "stablehlo.sine"(%1011) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1015 = "stablehlo.broadcast_in_dim"(%1014) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x8x4xf32>
    %1016 = "stablehlo.dynamic_slice"(%991, %arg452, %arg453) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1017 = "stablehlo.reshape"(%1016) : (tensor<1x64xf32>) -> tensor<1x8x8xf32>
    %1018 = "stablehlo.slice"(%1017) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 8, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
    %1019 = "stablehlo.reshape"(%1018) : (tensor<1x8x8xf32>) -> tensor<1x8x4x2xf32>
    %1020 = "stablehlo.slice"(%1019) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 8, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %1021 = "stablehlo.reshape"(%1020) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %1022 = "stablehlo.slice"(%1019) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 8, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x8x4x2xf32>) -> tensor<1x8x4x1xf32>
    %1023 = "stablehlo.reshape"(%1022) : (tensor<1x8x4x1xf32>) -> tensor<1x8x4xf32>
    %1024 = "stablehlo.multiply"(%1021, %1013) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1025 = "stablehlo.multiply"(%1023, %1015) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1026 = "stablehlo.subtract"(%1024, %1025) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1027 = "stablehlo.multiply"(%1021, %1015) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1028 = "stablehlo.multiply"(%1023, %1013) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1029 = "stablehlo.add"(%1027, %1028) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
    %1030 = "stablehlo.reshape"(%1026) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %1031 = "stablehlo.reshape"(%1029) : (tensor<1x8x4xf32>) -> tensor<1x8x4x1xf32>
    %1032 = "stablehlo.concatenate"(%1030, %1031) {dimension = 3 : i64} : (tensor<1x8x4x1xf32>, tensor<1x8x4x1xf32>) -> tensor<1x8x4x2xf32>
    %1033 = "stablehlo.reshape"(%1032) : (tensor<1x8x4x2xf32>) -> tensor<1x8x8xf32>
    %1034 = "stablehlo.reshape"(%1033) : (tensor<1x8x8xf32>) -> tensor<1x64xf32>
    %1035 = "stablehlo.dynamic_slice"(%991, %arg454, %arg455) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1036 = "stablehlo.broadcast_in_dim"(%arg456) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1037 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1038 = "stablehlo.compare"(%1037, %1036) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1039 = "stablehlo.select"(%1038, %1034, %1035) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1040 = "stablehlo.dynamic_update_slice"(%991, %1039, %arg454, %arg455) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1041 = "stablehlo.convert"(%arg457) : (tensor<1xi32>) -> tensor<1xf32>
    %1042 = "stablehlo.broadcast_in_dim"(%1041) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x4xf32>
    %1043 = "stablehlo.broadcast_in_dim"(%arg458) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<1x4xf32>
    %1044 = "stablehlo.multiply"(%1042, %1043) : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
    %1045 = "stablehlo.cosine"(%1044) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1046 = "stablehlo.broadcast_in_dim"(%1045) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %1047 = "stablehlo.sine"(%1044) : (tensor<1x4xf32>) -> tensor<1x4xf32>
    %1048 = "stablehlo.broadcast_in_dim"(%1047) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<1x4xf32>) -> tensor<1x4x4xf32>
    %1049 = "stablehlo.dynamic_slice"(%999, %arg459, %arg460) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1050 = "stablehlo.reshape"(%1049) : (tensor<1x32xf32>) -> tensor<1x4x8xf32>
    %1051 = "stablehlo.slice"(%1050) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 1, 4, 8>, strides = array<i64: 1, 1, 1>} : (tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %1052 = "stablehlo.reshape"(%1051) : (tensor<1x4x8xf32>) -> tensor<1x4x4x2xf32>
    %1053 = "stablehlo.slice"(%1052) {start_indices = array<i64: 0, 0, 0, 0>, limit_indices = array<i64: 1, 4, 4, 1>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %1054 = "stablehlo.reshape"(%1053) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %1055 = "stablehlo.slice"(%1052) {start_indices = array<i64: 0, 0, 0, 1>, limit_indices = array<i64: 1, 4, 4, 2>, strides = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x1xf32>
    %1056 = "stablehlo.reshape"(%1055) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4xf32>
    %1057 = "stablehlo.multiply"(%1054, %1046) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1058 = "stablehlo.multiply"(%1056, %1048) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1059 = "stablehlo.subtract"(%1057, %1058) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1060 = "stablehlo.multiply"(%1054, %1048) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1061 = "stablehlo.multiply"(%1056, %1046) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1062 = "stablehlo.add"(%1060, %1061) : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %1063 = "stablehlo.reshape"(%1059) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %1064 = "stablehlo.reshape"(%1062) : (tensor<1x4x4xf32>) -> tensor<1x4x4x1xf32>
    %1065 = "stablehlo.concatenate"(%1063, %1064) {dimension = 3 : i64} : (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32>
    %1066 = "stablehlo.reshape"(%1065) : (tensor<1x4x4x2xf32>) -> tensor<1x4x8xf32>
    %1067 = "stablehlo.reshape"(%1066) : (tensor<1x4x8xf32>) -> tensor<1x32xf32>
    %1068 = "stablehlo.dynamic_slice"(%999, %arg461, %arg462) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1069 = "stablehlo.broadcast_in_dim"(%arg463) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x32xi32>
    %1070 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x32xi32>
    %1071 = "stablehlo.compare"(%1070, %1069) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x32xi32>, tensor<1x32xi32>) -> tensor<1x32xi1>
    %1072 = "stablehlo.select"(%1071, %1067, %1068) : (tensor<1x32xi1>, tensor<1x32xf32>, tensor<1x32xf32>) -> tensor<1x32xf32>
    %1073 = "stablehlo.dynamic_update_slice"(%999, %1072, %arg461, %arg462) : (tensor<256x32xf32>, tensor<1x32xf32>, tensor<i32>, tensor<i32>) -> tensor<256x32xf32>
    %1074 = "stablehlo.dynamic_slice"(%1073, %arg466, %arg467) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1075 = "stablehlo.reshape"(%arg465) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %1076 = "stablehlo.convert"(%1074) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %1077 = "stablehlo.scatter"(%1075, %arg464, %1076) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %1078 = "stablehlo.reshape"(%1077) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %1079 = "stablehlo.dynamic_slice"(%1007, %arg469, %arg470) {slice_sizes = array<i64: 1, 32>} : (tensor<256x32xf32>, tensor<i32>, tensor<i32>) -> tensor<1x32xf32>
    %1080 = "stablehlo.reshape"(%arg468) : (tensor<8x16x32xf16>) -> tensor<128x32xf16>
    %1081 = "stablehlo.convert"(%1079) : (tensor<1x32xf32>) -> tensor<1x32xf16>
    %1082 = "stablehlo.scatter"(%1080, %arg464, %1081) ({
    ^bb0(%a: tensor<f16>, %b: tensor<f16>):
      "stablehlo.return"(%b) : (tensor<f16>) -> ()
    }) {indices_are_sorted = false, scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = false} : (tensor<128x32xf16>, tensor<1x1xi32>, tensor<1x32xf16>) -> tensor<128x32xf16>
    %1083 = "stablehlo.reshape"(%1082) : (tensor<128x32xf16>) -> tensor<8x16x32xf16>
    %1084 = "stablehlo.gather"(%1078, %arg471) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %1085 = "stablehlo.convert"(%1084) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %1086 = "stablehlo.reshape"(%1085) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %1087 = "stablehlo.gather"(%1083, %arg471) {dimension_numbers = #stablehlo.gather<offset_dims = [1, 2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16, 32>} : (tensor<8x16x32xf16>, tensor<8x1xi32>) -> tensor<8x16x32xf16>
    %1088 = "stablehlo.convert"(%1087) : (tensor<8x16x32xf16>) -> tensor<8x16x32xf32>
    %1089 = "stablehlo.reshape"(%1088) : (tensor<8x16x32xf32>) -> tensor<1x128x4x8xf32>
    %1090 = "stablehlo.dynamic_slice"(%1040, %arg473, %arg474) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1091 = "stablehlo.reshape"(%1090) : (tensor<1x64xf32>) -> tensor<1x4x2x8xf32>
    %1092 = "stablehlo.dot_general"(%1091, %1086) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x8xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x128xf32>
    %1093 = "stablehlo.constant"() {value = dense<0x3EB504F3> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %1094 = "stablehlo.multiply"(%1092, %1093) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1095 = "stablehlo.broadcast_in_dim"(%arg472) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi32>) -> tensor<1x4x2x128xi32>
    %1096 = "stablehlo.iota"() {iota_dimension = 3 : i64} : () -> tensor<1x4x2x128xi32>
    %1097 = "stablehlo.compare"(%1096, %1095) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<1x4x2x128xi32>, tensor<1x4x2x128xi32>) -> tensor<1x4x2x128xi1>
    %1098 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<1x4x2x128xf32>} : () -> tensor<1x4x2x128xf32>
    %1099 = "stablehlo.select"(%1097, %1094, %1098) : (tensor<1x4x2x128xi1>, tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1100 = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
    %1101 = "stablehlo.reduce"(%1099, %1100) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %1102 = "stablehlo.broadcast_in_dim"(%1101) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %1103 = "stablehlo.subtract"(%1099, %1102) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1104 = "stablehlo.exponential"(%1103) : (tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1105 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1106 = "stablehlo.reduce"(%1104, %1105) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 3>} : (tensor<1x4x2x128xf32>, tensor<f32>) -> tensor<1x4x2xf32>
    %1107 = "stablehlo.broadcast_in_dim"(%1106) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x2xf32>) -> tensor<1x4x2x128xf32>
    %1108 = "stablehlo.divide"(%1104, %1107) : (tensor<1x4x2x128xf32>, tensor<1x4x2x128xf32>) -> tensor<1x4x2x128xf32>
    %1109 = "stablehlo.dot_general"(%1108, %1089) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x4x2x128xf32>, tensor<1x128x4x8xf32>) -> tensor<1x4x2x8xf32>
    %1110 = "stablehlo.reshape"(%1109) : (tensor<1x4x2x8xf32>) -> tensor<1x64xf32>
    %1111 = "stablehlo.dynamic_slice"(%877, %arg475, %arg476) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1112 = "stablehlo.broadcast_in_dim"(%arg477) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1113 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1114 = "stablehlo.compare"(%1113, %1112) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1115 = "stablehlo.select"(%1114, %1110, %1111) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1116 = "stablehlo.dynamic_update_slice"(%877, %1115, %arg475, %arg476) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1117 = "stablehlo.dynamic_slice"(%1116, %arg479, %arg480) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1118 = "stablehlo.dot_general"(%1117, %arg478) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
    %1119 = "stablehlo.dynamic_slice"(%953, %arg481, %arg482) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1120 = "stablehlo.broadcast_in_dim"(%arg483) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1121 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1122 = "stablehlo.compare"(%1121, %1120) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1123 = "stablehlo.select"(%1122, %1118, %1119) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1124 = "stablehlo.dynamic_update_slice"(%953, %1123, %arg481, %arg482) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1125 = "stablehlo.dynamic_slice"(%962, %arg484, %arg485) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1126 = "stablehlo.dynamic_slice"(%1124, %arg486, %arg487) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1127 = "stablehlo.add"(%1125, %1126) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1128 = "stablehlo.dynamic_slice"(%962, %arg488, %arg489) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1129 = "stablehlo.broadcast_in_dim"(%arg490) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1130 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1131 = "stablehlo.compare"(%1130, %1129) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1132 = "stablehlo.select"(%1131, %1127, %1128) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1133 = "stablehlo.dynamic_update_slice"(%962, %1132, %arg488, %arg489) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1134 = "stablehlo.dynamic_slice"(%1133, %arg491, %arg492) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1135 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1136 = "stablehlo.multiply"(%1134, %1134) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1137 = "stablehlo.reduce"(%1136, %1135) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %1138 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1139 = "stablehlo.divide"(%1137, %1138) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1140 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1141 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %1142 = "stablehlo.add"(%1139, %1141) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1143 = "stablehlo.sqrt"(%1142) : (tensor<1xf32>) -> tensor<1xf32>
    %1144 = "stablehlo.divide"(%1140, %1143) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1145 = "stablehlo.broadcast_in_dim"(%1144) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %1146 = "stablehlo.multiply"(%1134, %1145) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1147 = "stablehlo.broadcast_in_dim"(%arg493) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %1148 = "stablehlo.multiply"(%1146, %1147) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1149 = "stablehlo.dynamic_slice"(%983, %arg494, %arg495) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1150 = "stablehlo.broadcast_in_dim"(%arg496) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1151 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1152 = "stablehlo.compare"(%1151, %1150) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1153 = "stablehlo.select"(%1152, %1148, %1149) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1154 = "stablehlo.dynamic_update_slice"(%983, %1153, %arg494, %arg495) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1155 = "stablehlo.dynamic_slice"(%1154, %arg498, %arg499) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1156 = "stablehlo.dot_general"(%1155, %arg497) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %1157 = "stablehlo.dynamic_slice"(%945, %arg500, %arg501) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1158 = "stablehlo.broadcast_in_dim"(%arg502) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1159 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1160 = "stablehlo.compare"(%1159, %1158) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1161 = "stablehlo.select"(%1160, %1156, %1157) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1162 = "stablehlo.dynamic_update_slice"(%945, %1161, %arg500, %arg501) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1163 = "stablehlo.dynamic_slice"(%1154, %arg504, %arg505) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1164 = "stablehlo.dot_general"(%1163, %arg503) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<172x64xf32>) -> tensor<1x172xf32>
    %1165 = "stablehlo.dynamic_slice"(%931, %arg506, %arg507) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1166 = "stablehlo.broadcast_in_dim"(%arg508) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1167 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1168 = "stablehlo.compare"(%1167, %1166) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1169 = "stablehlo.select"(%1168, %1164, %1165) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1170 = "stablehlo.dynamic_update_slice"(%931, %1169, %arg506, %arg507) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1171 = "stablehlo.dynamic_slice"(%1162, %arg509, %arg510) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1172 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1x172xf32>} : () -> tensor<1x172xf32>
    %1173 = "stablehlo.negate"(%1171) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %1174 = "stablehlo.exponential"(%1173) : (tensor<1x172xf32>) -> tensor<1x172xf32>
    %1175 = "stablehlo.add"(%1172, %1174) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1176 = "stablehlo.divide"(%1171, %1175) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1177 = "stablehlo.dynamic_slice"(%1170, %arg511, %arg512) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1178 = "stablehlo.multiply"(%1176, %1177) : (tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1179 = "stablehlo.dynamic_slice"(%1162, %arg513, %arg514) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1180 = "stablehlo.broadcast_in_dim"(%arg515) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x172xi32>
    %1181 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x172xi32>
    %1182 = "stablehlo.compare"(%1181, %1180) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x172xi32>, tensor<1x172xi32>) -> tensor<1x172xi1>
    %1183 = "stablehlo.select"(%1182, %1178, %1179) : (tensor<1x172xi1>, tensor<1x172xf32>, tensor<1x172xf32>) -> tensor<1x172xf32>
    %1184 = "stablehlo.dynamic_update_slice"(%1162, %1183, %arg513, %arg514) : (tensor<256x172xf32>, tensor<1x172xf32>, tensor<i32>, tensor<i32>) -> tensor<256x172xf32>
    %1185 = "stablehlo.dynamic_slice"(%1184, %arg517, %arg518) {slice_sizes = array<i64: 1, 172>} : (tensor<256x172xf32>, tensor<i32>, tensor<i32>) -> tensor<1x172xf32>
    %1186 = "stablehlo.dot_general"(%1185, %arg516) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x172xf32>, tensor<64x172xf32>) -> tensor<1x64xf32>
    %1187 = "stablehlo.dynamic_slice"(%1124, %arg519, %arg520) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1188 = "stablehlo.broadcast_in_dim"(%arg521) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1189 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1190 = "stablehlo.compare"(%1189, %1188) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1191 = "stablehlo.select"(%1190, %1186, %1187) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1192 = "stablehlo.dynamic_update_slice"(%1124, %1191, %arg519, %arg520) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1193 = "stablehlo.dynamic_slice"(%1133, %arg522, %arg523) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1194 = "stablehlo.dynamic_slice"(%1192, %arg524, %arg525) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1195 = "stablehlo.add"(%1193, %1194) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1196 = "stablehlo.dynamic_slice"(%1133, %arg526, %arg527) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1197 = "stablehlo.broadcast_in_dim"(%arg528) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<1x64xi32>
    %1198 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<1x64xi32>
    %1199 = "stablehlo.compare"(%1198, %1197) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<1x64xi32>, tensor<1x64xi32>) -> tensor<1x64xi1>
    %1200 = "stablehlo.select"(%1199, %1195, %1196) : (tensor<1x64xi1>, tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1201 = "stablehlo.dynamic_update_slice"(%1133, %1200, %arg526, %arg527) : (tensor<256x64xf32>, tensor<1x64xf32>, tensor<i32>, tensor<i32>) -> tensor<256x64xf32>
    %1202 = "stablehlo.dynamic_slice"(%1201, %arg529, %arg530) {slice_sizes = array<i64: 1, 64>} : (tensor<256x64xf32>, tensor<i32>, tensor<i32>) -> tensor<1x64xf32>
    %1203 = "stablehlo.gather"(%1202, %arg531) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 64>} : (tensor<1x64xf32>, tensor<1x1xi32>) -> tensor<1x64xf32>
    %1204 = "stablehlo.constant"() {value = dense<0x00000000> : tensor<f32>} : () -> tensor<f32>
    %1205 = "stablehlo.multiply"(%1203, %1203) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1206 = "stablehlo.reduce"(%1205, %1204) ({
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%r) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<1x64xf32>, tensor<f32>) -> tensor<1xf32>
    %1207 = "stablehlo.constant"() {value = dense<0x42800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1208 = "stablehlo.divide"(%1206, %1207) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1209 = "stablehlo.constant"() {value = dense<0x3F800000> : tensor<1xf32>} : () -> tensor<1xf32>
    %1210 = "stablehlo.constant"() {value = dense<0x3727C5AC> : tensor<1xf32>} : () -> tensor<1xf32>
    %1211 = "stablehlo.add"(%1208, %1210) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1212 = "stablehlo.sqrt"(%1211) : (tensor<1xf32>) -> tensor<1xf32>
    %1213 = "stablehlo.divide"(%1209, %1212) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %1214 = "stablehlo.broadcast_in_dim"(%1213) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<1x64xf32>
    %1215 = "stablehlo.multiply"(%1203, %1214) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1216 = "stablehlo.broadcast_in_dim"(%arg532) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<1x64xf32>
    %1217 = "stablehlo.multiply"(%1215, %1216) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
    %1218 = "stablehlo.dot_general"(%1217, %arg533) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]} : (tensor<1x64xf32>, tensor<512x64xf32>) -> tensor<1x512xf32>
    "func.return"(%1201, %1154, %1040, %1073, %1007, %1116, %1192, %1184, %1170, %1217, %1218, %122, %127, %361, %366, %600, %605, %839, %844, %1078, %1083) : (tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x32xf32>, tensor<256x32xf32>, tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x172xf32>, tensor<256x172xf32>, tensor<1x64xf32>, tensor<1x512xf32>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>, tensor<8x16x32xf16>) -> ()
  }
}
