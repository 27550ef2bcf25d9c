module @caracal {
  func.func public @main(%arg0: tensor<2x16xf32>, %arg1: tensor<2xf32>, %arg2: tensor<4xi32>) -> (tensor<2x16xf32>) {
    %pf32_0 = "stablehlo.slice"(%arg1) {start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xf32>) -> tensor<2xf32>
    %pi32_0 = "stablehlo.slice"(%arg2) {start_indices = array<i64: 0>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<2xi32>
    %pi32_1s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 2>, limit_indices = array<i64: 3>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<1xi32>
    %pi32_1 = "stablehlo.reshape"(%pi32_1s) : (tensor<1xi32>) -> tensor<i32>
    %pi32_2s = "stablehlo.slice"(%arg2) {start_indices = array<i64: 3>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<4xi32>) -> tensor<1xi32>
    %pi32_2 = "stablehlo.reshape"(%pi32_2s) : (tensor<1xi32>) -> tensor<i32>
    %0 = "stablehlo.convert"(%pi32_0) : (tensor<2xi32>) -> tensor<2xf32>
    %1 = "stablehlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 0>} : (tensor<2xf32>) -> tensor<2x2xf32>
    %2 = "stablehlo.broadcast_in_dim"(%pf32_0) {broadcast_dimensions = array<i64: 1>} : (tensor<2xf32>) -> tensor<2x2xf32>
    %3 = "stablehlo.multiply"(%1, %2) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
    %4 = "stablehlo.cosine"(%3) : (tensor<2x2xf32>) -> tensor<2x2xf32>
    %5 = "stablehlo.broadcast_in_dim"(%4) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<2x2xf32>) -> tensor<2x2x2xf32>
    %6 = "stablehlo.sine"(%3) : (tensor<2x2xf32>) -> tensor<2x2xf32>
    %7 = "stablehlo.broadcast_in_dim"(%6) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<2x2xf32>) -> tensor<2x2x2xf32>
    %8 = "stablehlo.reshape"(%arg0) : (tensor<2x16xf32>) -> tensor<2x2x8xf32>
    %9 = "stablehlo.slice"(%8) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 2, 2, 4>, strides = array<i64: 1, 1, 1>} : (tensor<2x2x8xf32>) -> tensor<2x2x4xf32>
    %10 = "stablehlo.slice"(%9) {start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 2, 2, 2>, strides = array<i64: 1, 1, 1>} : (tensor<2x2x4xf32>) -> tensor<2x2x2xf32>
    %11 = "stablehlo.slice"(%9) {start_indices = array<i64: 0, 0, 2>, limit_indices = array<i64: 2, 2, 4>, strides = array<i64: 1, 1, 1>} : (tensor<2x2x4xf32>) -> tensor<2x2x2xf32>
    %12 = "stablehlo.multiply"(%10, %5) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
    %13 = "stablehlo.multiply"(%11, %7) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
    %14 = "stablehlo.subtract"(%12, %13) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
    %15 = "stablehlo.multiply"(%10, %7) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
    %16 = "stablehlo.multiply"(%11, %5) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
    %17 = "stablehlo.add"(%15, %16) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
    %18 = "stablehlo.concatenate"(%14, %17) {dimension = 2 : i64} : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x4xf32>
    %19 = "stablehlo.slice"(%8) {start_indices = array<i64: 0, 0, 4>, limit_indices = array<i64: 2, 2, 8>, strides = array<i64: 1, 1, 1>} : (tensor<2x2x8xf32>) -> tensor<2x2x4xf32>
    %20 = "stablehlo.concatenate"(%18, %19) {dimension = 2 : i64} : (tensor<2x2x4xf32>, tensor<2x2x4xf32>) -> tensor<2x2x8xf32>
    %21 = "stablehlo.reshape"(%20) : (tensor<2x2x8xf32>) -> tensor<2x16xf32>
    %22 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %23 = "stablehlo.dynamic_slice"(%arg0, %pi32_1, %22) {slice_sizes = array<i64: 2, 16>} : (tensor<2x16xf32>, tensor<i32>, tensor<i32>) -> tensor<2x16xf32>
    %24 = "stablehlo.broadcast_in_dim"(%pi32_2) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x16xi32>
    %25 = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x16xi32>
    %26 = "stablehlo.compare"(%25, %24) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<2x16xi32>, tensor<2x16xi32>) -> tensor<2x16xi1>
    %27 = "stablehlo.select"(%26, %21, %23) : (tensor<2x16xi1>, tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
    %28 = "stablehlo.dynamic_update_slice"(%arg0, %27, %pi32_1, %22) : (tensor<2x16xf32>, tensor<2x16xf32>, tensor<i32>, tensor<i32>) -> tensor<2x16xf32>
    "func.return"(%28) : (tensor<2x16xf32>) -> ()
  }
}
