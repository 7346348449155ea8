;; f32x4 SIMD matmul micro-kernel: C (mPadded × nPadded) = op(A) · op(B).
;; The host copies A and B into this memory. `packA` lays op(A) out as strips of
;; 4 rows (k steps × 4 floats) and `packB` lays op(B) out as panels of 8 columns
;; (k steps × 8 floats), both zero-padded to whole tiles, so the inner loop of `gemm`
;; walks two contiguous streams and keeps each 4×8 tile of C in eight f32x4 locals.
;; Packing also absorbs the transposes: both layouts of each operand pack alike.
;; All offsets and strides are in bytes.
(module
  (memory (export "memory") 1)

  ;; strip[(i / 4) * k * 4 + p * 4 + i % 4] = op(A)[i][p], where op(A)[i][p] is at
  ;; a + i * rowStride + p * colStride. Rows m..mPadded-1 are 0.
  (func (export "packA")
    (param $a i32) (param $rowStride i32) (param $colStride i32) (param $strip i32) (param $m i32) (param $k i32)
    (local $i i32) (local $p i32) (local $mPadded i32) (local $dst i32) (local $src i32)
    (local.set $mPadded (i32.and (i32.add (local.get $m) (i32.const 3)) (i32.const -4)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $mPadded)))
        (local.set $dst
          (i32.add (local.get $strip)
            (i32.shl
              (i32.add
                (i32.mul (i32.and (local.get $i) (i32.const -4)) (local.get $k))
                (i32.and (local.get $i) (i32.const 3)))
              (i32.const 2))))
        (local.set $src (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowStride))))
        (local.set $p (i32.const 0))
        (block $stepsDone
          (loop $steps
            (br_if $stepsDone (i32.ge_u (local.get $p) (local.get $k)))
            (f32.store (local.get $dst)
              (select (f32.load (local.get $src)) (f32.const 0) (i32.lt_u (local.get $i) (local.get $m))))
            (local.set $src (i32.add (local.get $src) (local.get $colStride)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $steps)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; panel[(j / 8) * k * 8 + p * 8 + j % 8] = op(B)[p][j]; op(B)[p][j] is
  ;; b[p * n + j], or b[j * k + p] when transposeB. Columns n..nPadded-1 are 0.
  (func (export "packB")
    (param $b i32) (param $panel i32) (param $k i32) (param $n i32) (param $transposeB i32)
    (local $j i32) (local $p i32) (local $nPadded i32) (local $dst i32)
    (local $src i32) (local $srcStep i32)
    (local.set $nPadded (i32.and (i32.add (local.get $n) (i32.const 7)) (i32.const -8)))
    (local.set $j (i32.const 0))
    (block $columnsDone
      (loop $columns
        (br_if $columnsDone (i32.ge_u (local.get $j) (local.get $nPadded)))
        ;; first float of this column inside its panel
        (local.set $dst
          (i32.add (local.get $panel)
            (i32.shl
              (i32.add
                (i32.mul (i32.and (local.get $j) (i32.const -8)) (local.get $k))
                (i32.and (local.get $j) (i32.const 7)))
              (i32.const 2))))
        (if (i32.lt_u (local.get $j) (local.get $n))
          (then
            (local.set $src
              (i32.add (local.get $b)
                (i32.shl
                  (select (i32.mul (local.get $j) (local.get $k)) (local.get $j) (local.get $transposeB))
                  (i32.const 2))))
            (local.set $srcStep
              (select (i32.const 4) (i32.shl (local.get $n) (i32.const 2)) (local.get $transposeB)))
            (local.set $p (i32.const 0))
            (block $rowsDone
              (loop $rows
                (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $k)))
                (f32.store (local.get $dst) (f32.load (local.get $src)))
                (local.set $src (i32.add (local.get $src) (local.get $srcStep)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows))))
          (else
            (local.set $p (i32.const 0))
            (block $zerosDone
              (loop $zeros
                (br_if $zerosDone (i32.ge_u (local.get $p) (local.get $k)))
                (f32.store (local.get $dst) (f32.const 0))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $zeros)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns))))

;; C rows are nPadded floats apart; strip and panel come from packA and packB.
  (func (export "gemm")
    (param $strip i32) (param $panel i32) (param $c i32) (param $m i32) (param $k i32) (param $nPadded i32)
    (local $i i32) (local $j i32) (local $panelStart i32) (local $panelEnd i32) (local $bp i32)
    (local $ap i32) (local $cp i32) (local $cRow i32)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $cRow (i32.shl (local.get $nPadded) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $panelsDone
      (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $j) (local.get $nPadded)))
        (local.set $panelStart
          (i32.add (local.get $panel) (i32.shl (i32.mul (local.get $j) (local.get $k)) (i32.const 2))))
        (local.set $panelEnd
          (i32.add (local.get $panelStart) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $i (i32.const 0))
        (block $tilesDone
          (loop $tiles
            (br_if $tilesDone (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $ap
              (i32.add (local.get $strip) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 2))))
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))
            (local.set $bp (local.get $panelStart))
            (block $stepsDone
              (loop $steps
                (br_if $stepsDone (i32.ge_u (local.get $bp) (local.get $panelEnd)))
                (local.set $b0 (v128.load (local.get $bp)))
                (local.set $b1 (v128.load offset=16 (local.get $bp)))
                (local.set $av (v128.load32_splat (local.get $ap)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load32_splat offset=4 (local.get $ap)))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load32_splat offset=8 (local.get $ap)))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load32_splat offset=12 (local.get $ap)))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
                (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
                (br $steps)))
            (local.set $cp
              (i32.add (local.get $c)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $nPadded)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $cp) (local.get $c00))
            (v128.store offset=16 (local.get $cp) (local.get $c01))
            (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
            (v128.store (local.get $cp) (local.get $c10))
            (v128.store offset=16 (local.get $cp) (local.get $c11))
            (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
            (v128.store (local.get $cp) (local.get $c20))
            (v128.store offset=16 (local.get $cp) (local.get $c21))
            (local.set $cp (i32.add (local.get $cp) (local.get $cRow)))
            (v128.store (local.get $cp) (local.get $c30))
            (v128.store offset=16 (local.get $cp) (local.get $c31))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $tiles)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $panels))))
)
