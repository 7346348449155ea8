;; f32x4 SIMD kernels for the memory-bound steps of training: the SGD update, bias + ReLU, ReLU's
;; backward pass with the bias gradient's column sums, and bytes to floats in [0, 1] for input batches. Scalar JS spends several nanoseconds per element on
;; these (a float32 → float64 → float32 round trip and a bounds check per access); here four lanes go per
;; instruction. Every operation is one float32 operation, so results equal the float32 reference bit for bit.
;; The host copies operands in and results out; all offsets are in bytes, all counts in floats (bytes for
;; `unitFromBytes`'s source).
(module
  (memory (export "memory") 1)

  ;; target[i] = targetScale · target[i] + scale · source[i], i < count (each product rounded to float32, then
  ;; the sum; a targetScale of 1 leaves target[i] as it is).
  (func (export "addScaled") (param $target i32) (param $source i32) (param $count i32) (param $scale f32) (param $targetScale f32)
    (local $end i32) (local $vectorEnd i32) (local $scales v128) (local $targetScales v128)
    (local.set $scales (f32x4.splat (local.get $scale)))
    (local.set $targetScales (f32x4.splat (local.get $targetScale)))
    (local.set $end (i32.add (local.get $target) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $target) (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $target) (local.get $vectorEnd)))
        (v128.store (local.get $target)
          (f32x4.add
            (f32x4.mul (local.get $targetScales) (v128.load (local.get $target)))
            (f32x4.mul (local.get $scales) (v128.load (local.get $source)))))
        (local.set $target (i32.add (local.get $target) (i32.const 16)))
        (local.set $source (i32.add (local.get $source) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $target) (local.get $end)))
        (f32.store (local.get $target)
          (f32.add
            (f32.mul (local.get $targetScale) (f32.load (local.get $target)))
            (f32.mul (local.get $scale) (f32.load (local.get $source)))))
        (local.set $target (i32.add (local.get $target) (i32.const 4)))
        (local.set $source (i32.add (local.get $source) (i32.const 4)))
        (br $tail))))

  ;; out = relu(x + bias) row by row (rows × cols), where relu keeps x unless x <= 0: NaN passes, −0 becomes 0.
  ;; out may be x.
  (func (export "addBiasRelu") (param $x i32) (param $bias i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $row i32) (local $j i32) (local $vectorCols i32) (local $offset i32) (local $sum v128) (local $s f32)
    (local.set $vectorCols (i32.and (local.get $cols) (i32.const -4)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $vectorsDone
          (loop $vectors
            (br_if $vectorsDone (i32.ge_u (local.get $j) (local.get $vectorCols)))
            (local.set $offset (i32.shl (local.get $j) (i32.const 2)))
            (local.set $sum
              (f32x4.add
                (v128.load (i32.add (local.get $x) (local.get $offset)))
                (v128.load (i32.add (local.get $bias) (local.get $offset)))))
            (v128.store (i32.add (local.get $out) (local.get $offset))
              (v128.andnot (local.get $sum) (f32x4.le (local.get $sum) (v128.const f32x4 0 0 0 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vectors)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $cols)))
            (local.set $offset (i32.shl (local.get $j) (i32.const 2)))
            (local.set $s
              (f32.add
                (f32.load (i32.add (local.get $x) (local.get $offset)))
                (f32.load (i32.add (local.get $bias) (local.get $offset)))))
            (f32.store (i32.add (local.get $out) (local.get $offset))
              (select (f32.const 0) (local.get $s) (f32.le (local.get $s) (f32.const 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (local.set $offset (i32.shl (local.get $cols) (i32.const 2)))
        (local.set $x (i32.add (local.get $x) (local.get $offset)))
        (local.set $out (i32.add (local.get $out) (local.get $offset)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowLoop))))

  ;; dx = dout where y > 0, else 0 (rows × cols; y is relu's output, NaN in y passes dout), and
  ;; sums[j] += dx[row][j] row after row, as a float32 column sum adds. dx may be dout.
  (func (export "reluBackwardSum")
    (param $y i32) (param $dout i32) (param $dx i32) (param $sums i32) (param $rows i32) (param $cols i32)
    (local $row i32) (local $j i32) (local $vectorCols i32) (local $offset i32) (local $g v128) (local $s f32)
    (local.set $vectorCols (i32.and (local.get $cols) (i32.const -4)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $vectorsDone
          (loop $vectors
            (br_if $vectorsDone (i32.ge_u (local.get $j) (local.get $vectorCols)))
            (local.set $offset (i32.shl (local.get $j) (i32.const 2)))
            (local.set $g
              (v128.andnot
                (v128.load (i32.add (local.get $dout) (local.get $offset)))
                (f32x4.le (v128.load (i32.add (local.get $y) (local.get $offset))) (v128.const f32x4 0 0 0 0))))
            (v128.store (i32.add (local.get $dx) (local.get $offset)) (local.get $g))
            (v128.store (i32.add (local.get $sums) (local.get $offset))
              (f32x4.add (v128.load (i32.add (local.get $sums) (local.get $offset))) (local.get $g)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vectors)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $cols)))
            (local.set $offset (i32.shl (local.get $j) (i32.const 2)))
            (local.set $s
              (select (f32.const 0) (f32.load (i32.add (local.get $dout) (local.get $offset)))
                (f32.le (f32.load (i32.add (local.get $y) (local.get $offset))) (f32.const 0))))
            (f32.store (i32.add (local.get $dx) (local.get $offset)) (local.get $s))
            (f32.store (i32.add (local.get $sums) (local.get $offset))
              (f32.add (f32.load (i32.add (local.get $sums) (local.get $offset))) (local.get $s)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (local.set $offset (i32.shl (local.get $cols) (i32.const 2)))
        (local.set $y (i32.add (local.get $y) (local.get $offset)))
        (local.set $dout (i32.add (local.get $dout) (local.get $offset)))
        (local.set $dx (i32.add (local.get $dx) (local.get $offset)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowLoop))))

  ;; out[i] = source[i] / 255 for count bytes source[i], as float32 division (NumPy's x.astype(float32) / 255):
  ;; 16 bytes widen to four f32x4 vectors per step.
  (func (export "unitFromBytes") (param $source i32) (param $out i32) (param $count i32)
    (local $end i32) (local $vectorEnd i32) (local $bytes v128) (local $half v128) (local $divisor v128)
    (local.set $divisor (f32x4.splat (f32.const 255)))
    (local.set $end (i32.add (local.get $source) (local.get $count)))
    (local.set $vectorEnd (i32.add (local.get $source) (i32.and (local.get $count) (i32.const -16))))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $source) (local.get $vectorEnd)))
        (local.set $bytes (v128.load (local.get $source)))
        (local.set $half (i16x8.extend_low_i8x16_u (local.get $bytes)))
        (v128.store offset=0 (local.get $out)
          (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $half))) (local.get $divisor)))
        (v128.store offset=16 (local.get $out)
          (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $half))) (local.get $divisor)))
        (local.set $half (i16x8.extend_high_i8x16_u (local.get $bytes)))
        (v128.store offset=32 (local.get $out)
          (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $half))) (local.get $divisor)))
        (v128.store offset=48 (local.get $out)
          (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $half))) (local.get $divisor)))
        (local.set $source (i32.add (local.get $source) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 64)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $source) (local.get $end)))
        (f32.store (local.get $out) (f32.div (f32.convert_i32_u (i32.load8_u (local.get $source))) (f32.const 255)))
        (local.set $source (i32.add (local.get $source) (i32.const 1)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $tail))))
)
