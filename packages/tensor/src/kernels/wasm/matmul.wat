;; f32x4 SIMD matmul: C (m × n, row-major) = op(A) · op(B).
;; The host copies A and B into this memory. op(B) is packed into panels of 8 columns
;; (k steps × 8 floats) and op(A) is read as strips of 4 rows (k steps × 4 floats), so the
;; inner loop of `gemm` walks two streams and keeps each 4×8 tile of C in eight f32x4
;; locals. 4×8 is the largest tile whose 8 accumulators, 2 B vectors and the broadcast A
;; values V8 keeps in the 15 xmm registers it allocates on x64; 5×8 and 6×8 spill
;; accumulators to the stack in every step and measure slower.
;; A stored k × m (transposeA) already is a strip: 4 consecutive rows of op(A) at step p
;; are 4 consecutive floats, the next step m floats on; only A stored m × k is packed.
;; Where op(A) is mostly zeros, the functions under "op(A) mostly zeros" form the same
;; product from its nonzeros alone.
;; All offsets and strides are in bytes.
;;
;; The same source builds two modules (scripts/build-wasm.mjs): this one, with its own
;; memory, and a threaded one that imports a shared memory and keeps the lines between
;; `@threads-begin` and `@threads-end`: `work`, with which several threads split one
;; product. Both lay memory out alike:
;;   0..127          the control block of a threaded product (see `work`)
;;   128 + t·128     128 bytes of edge-tile scratch for thread t (t < 16)
;;   2176..2431      the swizzle table of `fillRows` (see `initTables`)
;;   2432..          operands, placed by the host
(module
  (memory (export "memory") 1)

  ;; Where the host may start placing operands.
  (global (export "operandsStart") i32 (i32.const 2432))

  ;; For p < k, dst + p·dstStep receives [r0[p], r1[p], r2[p], r3[p]] where source row
  ;; r starts at src + r·srcStride: four rows interleaved, 4×4 transposes at a time.
  (func $interleave4
    (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstStep i32) (param $k i32)
    (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $end i32) (local $vectorEnd i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $lo01 v128) (local $hi01 v128) (local $lo23 v128) (local $hi23 v128)
    (local.set $r1 (i32.add (local.get $src) (local.get $srcStride)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $srcStride)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $srcStride)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $src) (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $src) (local.get $vectorEnd)))
        (local.set $x0 (v128.load (local.get $src)))
        (local.set $x1 (v128.load (local.get $r1)))
        (local.set $x2 (v128.load (local.get $r2)))
        (local.set $x3 (v128.load (local.get $r3)))
        ;; lo01 = x0[0] x1[0] x0[1] x1[1], hi01 = x0[2] x1[2] x0[3] x1[3]; likewise for x2, x3
        (local.set $lo01 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x0) (local.get $x1)))
        (local.set $hi01 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x0) (local.get $x1)))
        (local.set $lo23 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x2) (local.get $x3)))
        (local.set $hi23 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x2) (local.get $x3)))
        (v128.store (local.get $dst)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo01) (local.get $lo23)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
        (v128.store (local.get $dst)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo01) (local.get $lo23)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
        (v128.store (local.get $dst)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $hi01) (local.get $hi23)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
        (v128.store (local.get $dst)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $hi01) (local.get $hi23)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $r1 (i32.add (local.get $r1) (i32.const 16)))
        (local.set $r2 (i32.add (local.get $r2) (i32.const 16)))
        (local.set $r3 (i32.add (local.get $r3) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $src) (local.get $end)))
        (f32.store (local.get $dst) (f32.load (local.get $src)))
        (f32.store offset=4 (local.get $dst) (f32.load (local.get $r1)))
        (f32.store offset=8 (local.get $dst) (f32.load (local.get $r2)))
        (f32.store offset=12 (local.get $dst) (f32.load (local.get $r3)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (local.set $r1 (i32.add (local.get $r1) (i32.const 4)))
        (local.set $r2 (i32.add (local.get $r2) (i32.const 4)))
        (local.set $r3 (i32.add (local.get $r3) (i32.const 4)))
        (br $tail))))

  ;; A (m × k) into strips: strip[(i / 4) · k · 4 + p · 4 + i % 4] = A[i][p].
  ;; The host appends zero rows to A up to a multiple of 4.
  (func $packA (export "packA") (param $a i32) (param $strip i32) (param $m i32) (param $k i32)
    (local $i i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
    (block $stripsDone
      (loop $strips
        (br_if $stripsDone (i32.ge_u (local.get $i) (local.get $m)))
        (call $interleave4 (local.get $a) (local.get $rowBytes) (local.get $strip) (i32.const 16) (local.get $k))
        (local.set $a (i32.add (local.get $a) (i32.shl (local.get $rowBytes) (i32.const 2))))
        (local.set $strip (i32.add (local.get $strip) (i32.shl (local.get $rowBytes) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $strips))))

  ;; op(B) into panels: panel[(j / 8) · k · 8 + p · 8 + j % 8] = op(B)[p][j], 0 for j ≥ n.
  ;; B is stored k × n with rows ldb floats apart (ldb ≥ n: n columns of a wider B), or
  ;; n × k when transposeB; then the host appends zero rows up to a multiple of 8, and each
  ;; 4 rows of B interleave into one half of a panel.
  (func $packB (export "packB") (param $b i32) (param $panel i32) (param $k i32) (param $n i32) (param $transposeB i32) (param $ldb i32)
    (local $j i32) (local $p i32) (local $nWhole i32) (local $src i32) (local $dst i32) (local $q i32)
    (local $panelBytes i32)
    (local.set $panelBytes (i32.shl (local.get $k) (i32.const 5)))
    (if (local.get $transposeB)
      (then
        (local.set $nWhole (i32.and (i32.add (local.get $n) (i32.const 7)) (i32.const -8)))
        (local.set $dst (local.get $panel))
        (block $halvesDone
          (loop $halves
            (br_if $halvesDone (i32.ge_u (local.get $j) (local.get $nWhole)))
            (call $interleave4
              (i32.add (local.get $b) (i32.shl (i32.mul (local.get $j) (local.get $k)) (i32.const 2)))
              (i32.shl (local.get $k) (i32.const 2))
              (i32.add (local.get $dst) (i32.shl (i32.and (local.get $j) (i32.const 4)) (i32.const 2)))
              (i32.const 32) (local.get $k))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (if (i32.eqz (i32.and (local.get $j) (i32.const 7)))
              (then (local.set $dst (i32.add (local.get $dst) (local.get $panelBytes)))))
            (br $halves))))
      (else
        ;; row p of B copies into row p of every panel; the last panel may be partial
        (local.set $nWhole (i32.and (local.get $n) (i32.const -8)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $k)))
            (local.set $src (i32.add (local.get $b) (i32.shl (i32.mul (local.get $p) (local.get $ldb)) (i32.const 2))))
            (local.set $dst (i32.add (local.get $panel) (i32.shl (local.get $p) (i32.const 5))))
            (local.set $j (i32.const 0))
            (block $wholeDone
              (loop $whole
                (br_if $wholeDone (i32.ge_u (local.get $j) (local.get $nWhole)))
                (v128.store (local.get $dst) (v128.load (local.get $src)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
                (local.set $src (i32.add (local.get $src) (i32.const 32)))
                (local.set $dst (i32.add (local.get $dst) (local.get $panelBytes)))
                (local.set $j (i32.add (local.get $j) (i32.const 8)))
                (br $whole)))
            (if (i32.lt_u (local.get $nWhole) (local.get $n))
              (then
                (v128.store (local.get $dst) (v128.const i32x4 0 0 0 0))
                (v128.store offset=16 (local.get $dst) (v128.const i32x4 0 0 0 0))
                (local.set $q (i32.const 0))
                (block $edgeDone
                  (loop $edge
                    (br_if $edgeDone (i32.ge_u (local.get $q) (i32.sub (local.get $n) (local.get $nWhole))))
                    (f32.store
                      (i32.add (local.get $dst) (i32.shl (local.get $q) (i32.const 2)))
                      (f32.load (i32.add (local.get $src) (i32.shl (local.get $q) (i32.const 2)))))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br $edge)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rows))))))

  ;; C (m × n, rows ldc floats apart) = strips · panels. Strip s starts at a + s · aStrip and
  ;; moves aStep bytes per k step. The last strip may read rows past m and the last panel
  ;; holds zero columns past n: their results are computed and not stored. Edge tiles go
  ;; through 128 bytes of scratch at `scratch` (one per thread where threads share memory).
  (func $gemm (export "gemm")
    (param $a i32) (param $aStep i32) (param $aStrip i32) (param $panel i32) (param $c i32)
    (param $m i32) (param $k i32) (param $n i32) (param $ldc i32) (param $scratch i32)
    (local $i i32) (local $j i32) (local $panelStart i32) (local $panelEnd i32) (local $bp i32)
    (local $stripStart i32) (local $ap i32) (local $cp i32) (local $cRow i32) (local $cTile i32)
    (local $columns i32) (local $rows i32) (local $r i32) (local $q i32)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $cRow (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $panelStart (local.get $panel))
    (block $panelsDone
      (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $panelEnd (i32.add (local.get $panelStart) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $columns (i32.sub (local.get $n) (local.get $j)))
        (local.set $stripStart (local.get $a))
        (local.set $i (i32.const 0))
        (block $tilesDone
          (loop $tiles
            (br_if $tilesDone (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))
            (local.set $ap (local.get $stripStart))
            (local.set $bp (local.get $panelStart))
            ;; Unrolling this loop by hand measured slower: V8 unrolls it itself.
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
                (local.set $ap (i32.add (local.get $ap) (local.get $aStep)))
                (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
                (br $steps)))
            (local.set $cTile
              (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 2))))
            (if (i32.and (i32.ge_u (local.get $columns) (i32.const 8))
                         (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
              (then
                (local.set $cp (local.get $cTile))
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
                (v128.store offset=16 (local.get $cp) (local.get $c31)))
              (else
                ;; an edge tile: through the scratch, only the rows < m and columns < n
                (v128.store offset=0 (local.get $scratch) (local.get $c00))
                (v128.store offset=16 (local.get $scratch) (local.get $c01))
                (v128.store offset=32 (local.get $scratch) (local.get $c10))
                (v128.store offset=48 (local.get $scratch) (local.get $c11))
                (v128.store offset=64 (local.get $scratch) (local.get $c20))
                (v128.store offset=80 (local.get $scratch) (local.get $c21))
                (v128.store offset=96 (local.get $scratch) (local.get $c30))
                (v128.store offset=112 (local.get $scratch) (local.get $c31))
                (local.set $rows (i32.sub (local.get $m) (local.get $i)))
                (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
                (if (i32.gt_u (local.get $columns) (i32.const 8)) (then (local.set $columns (i32.const 8))))
                (local.set $r (i32.const 0))
                (block $edgeRowsDone
                  (loop $edgeRows
                    (br_if $edgeRowsDone (i32.ge_u (local.get $r) (local.get $rows)))
                    (local.set $cp (i32.add (local.get $cTile) (i32.mul (local.get $r) (local.get $cRow))))
                    (local.set $q (i32.const 0))
                    (block $edgeColumnsDone
                      (loop $edgeColumns
                        (br_if $edgeColumnsDone (i32.ge_u (local.get $q) (local.get $columns)))
                        (f32.store
                          (i32.add (local.get $cp) (i32.shl (local.get $q) (i32.const 2)))
                          (f32.load (i32.add (local.get $scratch)
                            (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $q)) (i32.const 2)))))
                        (local.set $q (i32.add (local.get $q) (i32.const 1)))
                        (br $edgeColumns)))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $edgeRows)))
                (local.set $columns (i32.sub (local.get $n) (local.get $j)))))
            (local.set $stripStart (i32.add (local.get $stripStart) (local.get $aStrip)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $tiles)))
        (local.set $panelStart (local.get $panelEnd))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $panels))))
  ;; ---- op(A) mostly zeros ----
  ;; A product whose op(A) is mostly zeros (a batch of MNIST images: 4 pixels in 5 are 0) skips them, in
  ;; one of two ways. Either way each element of C is the same sum, in the same order, as `gemm` forms, less
  ;; terms that are exactly 0 · b: bit-identical where B is finite (the host checks, as 0 · ∞ is NaN).
  ;; - A·B: op(A) as compressed rows (CSR), multiplied by B stored k × n (rows rowBytes = 4n apart) 32
  ;;   columns of C at a time (`countRows`, `sumCounts`, `fillRows`, `spmm`). Row r of op(A) becomes
  ;;   entries e in [rowPtr[r], rowPtr[r + 1]), ascending in p: cols[e] = p · rowBytes (where row p of B
  ;;   starts) and vals[e] = op(A)[r][p] ≠ 0. Positions in rowPtr, cols and vals are in entries (4 bytes).
  ;; - Aᵀ·B: op(A)'s strips without the steps where all 4 of their values are 0, multiplied by B's panels
  ;;   as `gemm` does (`compressStrips`, `gemmStrips`). Neighbouring pixels are zero together, so this
  ;;   keeps few more steps than there are nonzeros, at the dense kernel's speed per step.

  ;; rowPtr[i + 1] = nonzeros in row i of A (m × k, row-major), for rows [first, end).
  (func $countRows (export "countRows") (param $a i32) (param $k i32) (param $first i32) (param $end i32) (param $rowPtr i32)
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $first) (local.get $end)))
        (i32.store offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $first) (i32.const 2)))
          (call $countNonzero
            (i32.add (local.get $a) (i32.shl (i32.mul (local.get $first) (local.get $k)) (i32.const 2)))
            (local.get $k)))
        (local.set $first (i32.add (local.get $first) (i32.const 1)))
        (br $rows))))

  ;; How many of the len floats at a are nonzero: 16 at a time in two independent sums (one chain of adds
  ;; measured half as fast), then 4, then one by one. Each lane counts -1 per nonzero (all bits set).
  (func $countNonzero (export "countNonzero") (param $a i32) (param $len i32) (result i32)
    (local $end i32) (local $vEnd i32) (local $blocksEnd i32) (local $acc v128) (local $acc1 v128) (local $count i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 2))))
    (local.set $vEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $len) (i32.const -4)) (i32.const 2))))
    (local.set $blocksEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $len) (i32.const -16)) (i32.const 2))))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $a) (local.get $blocksEnd)))
        (local.set $acc (i32x4.add (local.get $acc)
          (i32x4.add (f32x4.ne (v128.load (local.get $a)) (v128.const f32x4 0 0 0 0))
                     (f32x4.ne (v128.load offset=16 (local.get $a)) (v128.const f32x4 0 0 0 0)))))
        (local.set $acc1 (i32x4.add (local.get $acc1)
          (i32x4.add (f32x4.ne (v128.load offset=32 (local.get $a)) (v128.const f32x4 0 0 0 0))
                     (f32x4.ne (v128.load offset=48 (local.get $a)) (v128.const f32x4 0 0 0 0)))))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (br $blocks)))
    (local.set $acc (i32x4.add (local.get $acc) (local.get $acc1)))
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.ge_u (local.get $a) (local.get $vEnd)))
        (local.set $acc (i32x4.add (local.get $acc) (f32x4.ne (v128.load (local.get $a)) (v128.const f32x4 0 0 0 0))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $quads)))
    (local.set $count
      (i32.sub (i32.const 0)
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
          (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $a) (local.get $end)))
        (if (f32.ne (f32.load (local.get $a)) (f32.const 0))
          (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $tail)))
    (local.get $count))

  ;; Counts to positions: rowPtr[0] = 0, rowPtr[r + 1] = rowPtr[r] + count of row r, for r < m. Returns rowPtr[m].
  (func (export "sumCounts") (param $rowPtr i32) (param $m i32) (result i32)
    (local $sum i32) (local $end i32)
    (i32.store (local.get $rowPtr) (i32.const 0))
    (local.set $end (i32.add (local.get $rowPtr) (i32.shl (local.get $m) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $rowPtr) (local.get $end)))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=4 (local.get $rowPtr))))
        (i32.store offset=4 (local.get $rowPtr) (local.get $sum))
        (local.set $rowPtr (i32.add (local.get $rowPtr) (i32.const 4)))
        (br $rows)))
    (local.get $sum))

  ;; Whether all len floats at a are finite (a NaN or ∞ makes x - x NaN, which stays in the sum): 16 at a time
  ;; in two independent sums (one chain of adds measured half as fast), then 4, then one by one.
  (func (export "allFinite") (param $a i32) (param $len i32) (result i32)
    (local $end i32) (local $vEnd i32) (local $blocksEnd i32) (local $acc v128) (local $acc1 v128)
    (local $x v128) (local $y v128) (local $tail f32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 2))))
    (local.set $vEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $len) (i32.const -4)) (i32.const 2))))
    (local.set $blocksEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $len) (i32.const -16)) (i32.const 2))))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $a) (local.get $blocksEnd)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $y (v128.load offset=16 (local.get $a)))
        (local.set $acc (f32x4.add (local.get $acc)
          (f32x4.add (f32x4.sub (local.get $x) (local.get $x)) (f32x4.sub (local.get $y) (local.get $y)))))
        (local.set $x (v128.load offset=32 (local.get $a)))
        (local.set $y (v128.load offset=48 (local.get $a)))
        (local.set $acc1 (f32x4.add (local.get $acc1)
          (f32x4.add (f32x4.sub (local.get $x) (local.get $x)) (f32x4.sub (local.get $y) (local.get $y)))))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (br $blocks)))
    (local.set $acc (f32x4.add (local.get $acc) (local.get $acc1)))
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.ge_u (local.get $a) (local.get $vEnd)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.sub (local.get $x) (local.get $x))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $quads)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $tail (f32.add (local.get $tail) (f32.sub (f32.load (local.get $a)) (f32.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $tail)))
    (i32.and
      (i32x4.all_true (f32x4.eq (local.get $acc) (local.get $acc)))
      (f32.eq (local.get $tail) (local.get $tail))))

  ;; The entries of rows [first, end) of A (m × k, row-major), rowPtr already summed. Each quad of A with a
  ;; nonzero is compacted by one swizzle (table at 2176: for each 4-bit mask, the bytes that move its lanes
  ;; to the front) and stored 16 bytes at once; where those 16 bytes would pass the last entry of the range
  ;; (another thread's), lane by lane.
  (func $fillRows (export "fillRows") (param $a i32) (param $k i32) (param $rowBytes i32) (param $first i32) (param $end i32)
    (param $rowPtr i32) (param $cols i32) (param $vals i32)
    (local $p i32) (local $vk i32) (local $src i32) (local $e i32) (local $limit i32) (local $x v128) (local $mask i32)
    (local $pattern v128) (local $offsets v128) (local $step v128) (local $o i32) (local $lane i32)
    (local.set $vk (i32.and (local.get $k) (i32.const -4)))
    (local.set $step (i32x4.splat (i32.shl (local.get $rowBytes) (i32.const 2))))
    (local.set $limit (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $end) (i32.const 2)))))
    (local.set $e (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $first) (i32.const 2)))))
    (local.set $src (i32.add (local.get $a) (i32.shl (i32.mul (local.get $first) (local.get $k)) (i32.const 2))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $first) (local.get $end)))
        (local.set $p (i32.const 0))
        (local.set $offsets (i32x4.mul (i32x4.splat (local.get $rowBytes)) (v128.const i32x4 0 1 2 3)))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.ge_u (local.get $p) (local.get $vk)))
            (local.set $x (v128.load (local.get $src)))
            (local.set $mask (i32x4.bitmask (f32x4.ne (local.get $x) (v128.const f32x4 0 0 0 0))))
            (if (local.get $mask)
              (then
                (local.set $o (i32.shl (local.get $e) (i32.const 2)))
                (if (i32.le_u (i32.add (local.get $e) (i32.const 4)) (local.get $limit))
                  (then
                    (local.set $pattern (v128.load offset=2176 (i32.shl (local.get $mask) (i32.const 4))))
                    (v128.store (i32.add (local.get $vals) (local.get $o)) (i8x16.swizzle (local.get $x) (local.get $pattern)))
                    (v128.store (i32.add (local.get $cols) (local.get $o)) (i8x16.swizzle (local.get $offsets) (local.get $pattern)))
                    (local.set $e (i32.add (local.get $e) (i32.popcnt (local.get $mask)))))
                  (else
                    (local.set $lane (i32.const 0))
                    (block $lanesDone
                      (loop $lanes
                        (br_if $lanesDone (i32.eqz (local.get $mask)))
                        (local.set $lane (i32.ctz (local.get $mask)))
                        (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
                        (local.set $o (i32.shl (local.get $e) (i32.const 2)))
                        (f32.store (i32.add (local.get $vals) (local.get $o))
                          (f32.load (i32.add (local.get $src) (i32.shl (local.get $lane) (i32.const 2)))))
                        (i32.store (i32.add (local.get $cols) (local.get $o))
                          (i32.mul (i32.add (local.get $p) (local.get $lane)) (local.get $rowBytes)))
                        (local.set $e (i32.add (local.get $e) (i32.const 1)))
                        (br $lanes)))))))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $offsets (i32x4.add (local.get $offsets) (local.get $step)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $quads)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $p) (local.get $k)))
            (if (f32.ne (f32.load (local.get $src)) (f32.const 0))
              (then
                (local.set $o (i32.shl (local.get $e) (i32.const 2)))
                (f32.store (i32.add (local.get $vals) (local.get $o)) (f32.load (local.get $src)))
                (i32.store (i32.add (local.get $cols) (local.get $o)) (i32.mul (local.get $p) (local.get $rowBytes)))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $tail)))
        (local.set $first (i32.add (local.get $first) (i32.const 1)))
        (br $rows))))

  ;; Rows [first, end) of C (n ≥ 4 columns, rows ldc floats apart) = CSR · B: 20 columns at a time in five
  ;; accumulators, the last 20 overlapping the ones before where n is not a multiple of 20; n < 20: 4 at a
  ;; time, the last 4 likewise. Overlapping columns are the same sums again. Five accumulators measured
  ;; fastest: about 1.3× eight (32 columns then 4) on 100 columns of MNIST rows, 1.6× on 50.
  (func $spmm (export "spmm") (param $rowPtr i32) (param $cols i32) (param $vals i32) (param $first i32) (param $end i32)
    (param $b i32) (param $c i32) (param $n i32) (param $ldc i32)
    (local $e0 i32) (local $e1 i32) (local $e i32) (local $j i32) (local $rowBytes i32) (local $cRow i32) (local $bp i32)
    (local $av v128) (local $bv v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $cRow (i32.add (local.get $c) (i32.shl (i32.mul (local.get $first) (local.get $ldc)) (i32.const 2))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $first) (local.get $end)))
        (local.set $e0 (i32.shl (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $first) (i32.const 2)))) (i32.const 2)))
        (local.set $e1 (i32.shl (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $first) (i32.const 2)))) (i32.const 2)))
        (local.set $j (i32.const 0))
        (block $wideDone
          (br_if $wideDone (i32.lt_u (local.get $rowBytes) (i32.const 80)))
          (loop $wide
            (br_if $wideDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (if (i32.gt_u (i32.add (local.get $j) (i32.const 80)) (local.get $rowBytes))
              (then (local.set $j (i32.sub (local.get $rowBytes) (i32.const 80)))))
            (local.set $s0 (v128.const i32x4 0 0 0 0))
            (local.set $s1 (v128.const i32x4 0 0 0 0))
            (local.set $s2 (v128.const i32x4 0 0 0 0))
            (local.set $s3 (v128.const i32x4 0 0 0 0))
            (local.set $s4 (v128.const i32x4 0 0 0 0))
            (local.set $e (local.get $e0))
            (block $entriesDone
              (loop $entries
                (br_if $entriesDone (i32.ge_u (local.get $e) (local.get $e1)))
                (local.set $bp (i32.add (i32.add (local.get $b) (local.get $j)) (i32.load (i32.add (local.get $cols) (local.get $e)))))
                (local.set $av (v128.load32_splat (i32.add (local.get $vals) (local.get $e))))
                (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $av) (v128.load offset=0 (local.get $bp)))))
                (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $bp)))))
                (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $av) (v128.load offset=32 (local.get $bp)))))
                (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $av) (v128.load offset=48 (local.get $bp)))))
                (local.set $s4 (f32x4.add (local.get $s4) (f32x4.mul (local.get $av) (v128.load offset=64 (local.get $bp)))))
                (local.set $e (i32.add (local.get $e) (i32.const 4)))
                (br $entries)))
            (local.set $bp (i32.add (local.get $cRow) (local.get $j)))
            (v128.store offset=0 (local.get $bp) (local.get $s0))
            (v128.store offset=16 (local.get $bp) (local.get $s1))
            (v128.store offset=32 (local.get $bp) (local.get $s2))
            (v128.store offset=48 (local.get $bp) (local.get $s3))
            (v128.store offset=64 (local.get $bp) (local.get $s4))
            (local.set $j (i32.add (local.get $j) (i32.const 80)))
            (br $wide)))
        (block $narrowDone
          (loop $narrow
            (br_if $narrowDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (if (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $rowBytes))
              (then (local.set $j (i32.sub (local.get $rowBytes) (i32.const 16)))))
            (local.set $s0 (v128.const i32x4 0 0 0 0))
            (local.set $e (local.get $e0))
            (block $narrowEntriesDone
              (loop $narrowEntries
                (br_if $narrowEntriesDone (i32.ge_u (local.get $e) (local.get $e1)))
                (local.set $av (v128.load32_splat (i32.add (local.get $vals) (local.get $e))))
                (local.set $bv (v128.load (i32.add (i32.add (local.get $b) (local.get $j)) (i32.load (i32.add (local.get $cols) (local.get $e))))))
                (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $av) (local.get $bv))))
                (local.set $e (i32.add (local.get $e) (i32.const 4)))
                (br $narrowEntries)))
            (v128.store (i32.add (local.get $cRow) (local.get $j)) (local.get $s0))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $narrow)))
        (local.set $cRow (i32.add (local.get $cRow) (i32.shl (local.get $ldc) (i32.const 2))))
        (local.set $first (i32.add (local.get $first) (i32.const 1)))
        (br $rows))))

  ;; Strips of op(A) without their all-zero steps, for `gemmStrips`: strip s keeps the steps p where any of
  ;; its 4 values is nonzero, as values (16 bytes per kept step, from values + s · k · 16) and offsets
  ;; (p · 32: where row p of a panel starts; from offsets + s · k · 4); counts[s] = steps kept. Strip s
  ;; starts at src + s · stripBytes and moves stepBytes per step: packed strips (stripBytes k · 16, stepBytes
  ;; 16) or A stored k × m (16, 4m). For strips [first, end).
  (func $compressStrips (export "compressStrips") (param $src i32) (param $stripBytes i32) (param $stepBytes i32) (param $k i32)
    (param $first i32) (param $end i32) (param $values i32) (param $offsets i32) (param $counts i32)
    (local $from i32) (local $p i32) (local $kept i32) (local $quad v128) (local $to i32) (local $offsetTo i32)
    (block $stripsDone
      (loop $strips
        (br_if $stripsDone (i32.ge_u (local.get $first) (local.get $end)))
        (local.set $from (i32.add (local.get $src) (i32.mul (local.get $first) (local.get $stripBytes))))
        (local.set $to (i32.add (local.get $values) (i32.shl (i32.mul (local.get $first) (local.get $k)) (i32.const 4))))
        (local.set $offsetTo (i32.add (local.get $offsets) (i32.shl (i32.mul (local.get $first) (local.get $k)) (i32.const 2))))
        (local.set $kept (i32.const 0))
        (local.set $p (i32.const 0))
        (block $stepsDone
          (loop $steps
            (br_if $stepsDone (i32.ge_u (local.get $p) (local.get $k)))
            ;; stored always, kept (the cursor moves on) only where a value is nonzero
            (local.set $quad (v128.load (local.get $from)))
            (v128.store (i32.add (local.get $to) (i32.shl (local.get $kept) (i32.const 4))) (local.get $quad))
            (i32.store (i32.add (local.get $offsetTo) (i32.shl (local.get $kept) (i32.const 2))) (i32.shl (local.get $p) (i32.const 5)))
            (local.set $kept (i32.add (local.get $kept)
              (v128.any_true (f32x4.ne (local.get $quad) (v128.const f32x4 0 0 0 0)))))
            (local.set $from (i32.add (local.get $from) (local.get $stepBytes)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $steps)))
        (i32.store (i32.add (local.get $counts) (i32.shl (local.get $first) (i32.const 2))) (local.get $kept))
        (local.set $first (i32.add (local.get $first) (i32.const 1)))
        (br $strips))))

  ;; `gemm` over compressed strips (see `compressStrips`): the same sums in the same order, less steps whose
  ;; terms are all 0 · b. Strips [first, end) of C's rows, all panels.
  (func $gemmStrips (export "gemmStrips")
    (param $values i32) (param $offsets i32) (param $counts i32) (param $panel i32) (param $c i32)
    (param $m i32) (param $k i32) (param $n i32) (param $first i32) (param $end i32) (param $scratch i32)
    (local $i i32) (local $j i32) (local $panelStart i32) (local $bp i32) (local $s i32)
    (local $ap i32) (local $op i32) (local $opEnd i32) (local $cp i32) (local $cRow i32) (local $cTile i32)
    (local $columns i32) (local $rows i32) (local $r i32) (local $q i32)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $cRow (i32.shl (local.get $n) (i32.const 2)))
    (local.set $panelStart (local.get $panel))
    (block $panelsDone
      (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $columns (i32.sub (local.get $n) (local.get $j)))
        (local.set $s (local.get $first))
        (block $tilesDone
          (loop $tiles
            (br_if $tilesDone (i32.ge_u (local.get $s) (local.get $end)))
            (local.set $i (i32.shl (local.get $s) (i32.const 2)))
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))
            (local.set $ap (i32.add (local.get $values) (i32.shl (i32.mul (local.get $s) (local.get $k)) (i32.const 4))))
            (local.set $op (i32.add (local.get $offsets) (i32.shl (i32.mul (local.get $s) (local.get $k)) (i32.const 2))))
            (local.set $opEnd (i32.add (local.get $op)
              (i32.shl (i32.load (i32.add (local.get $counts) (i32.shl (local.get $s) (i32.const 2)))) (i32.const 2))))
            (block $stepsDone
              (loop $steps
                (br_if $stepsDone (i32.ge_u (local.get $op) (local.get $opEnd)))
                (local.set $bp (i32.add (local.get $panelStart) (i32.load (local.get $op))))
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
                (local.set $op (i32.add (local.get $op) (i32.const 4)))
                (br $steps)))
            (local.set $cTile
              (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
            (call $storeTile (local.get $cTile) (local.get $cRow) (i32.sub (local.get $m) (local.get $i)) (local.get $columns) (local.get $scratch)
              (local.get $c00) (local.get $c01) (local.get $c10) (local.get $c11)
              (local.get $c20) (local.get $c21) (local.get $c30) (local.get $c31))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (br $tiles)))
        (local.set $panelStart (i32.add (local.get $panelStart) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $panels))))

  ;; A 4 × 8 tile of C at cTile (rows cRow bytes apart): whole, or the rows < `rows` and columns < `columns`
  ;; of it through the scratch.
  (func $storeTile (param $cTile i32) (param $cRow i32) (param $rows i32) (param $columns i32) (param $scratch i32)
    (param $c00 v128) (param $c01 v128) (param $c10 v128) (param $c11 v128)
    (param $c20 v128) (param $c21 v128) (param $c30 v128) (param $c31 v128)
    (local $cp i32) (local $r i32) (local $q i32)
    (if (i32.and (i32.ge_u (local.get $columns) (i32.const 8)) (i32.ge_u (local.get $rows) (i32.const 4)))
      (then
        (local.set $cp (local.get $cTile))
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
        (return)))
    (v128.store offset=0 (local.get $scratch) (local.get $c00))
    (v128.store offset=16 (local.get $scratch) (local.get $c01))
    (v128.store offset=32 (local.get $scratch) (local.get $c10))
    (v128.store offset=48 (local.get $scratch) (local.get $c11))
    (v128.store offset=64 (local.get $scratch) (local.get $c20))
    (v128.store offset=80 (local.get $scratch) (local.get $c21))
    (v128.store offset=96 (local.get $scratch) (local.get $c30))
    (v128.store offset=112 (local.get $scratch) (local.get $c31))
    (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
    (if (i32.gt_u (local.get $columns) (i32.const 8)) (then (local.set $columns (i32.const 8))))
    (block $rowsDone
      (loop $edgeRows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $cp (i32.add (local.get $cTile) (i32.mul (local.get $r) (local.get $cRow))))
        (local.set $q (i32.const 0))
        (block $columnsDone
          (loop $edgeColumns
            (br_if $columnsDone (i32.ge_u (local.get $q) (local.get $columns)))
            (f32.store
              (i32.add (local.get $cp) (i32.shl (local.get $q) (i32.const 2)))
              (f32.load (i32.add (local.get $scratch)
                (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $q)) (i32.const 2)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $edgeColumns)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $edgeRows))))

  ;; The swizzle table of `fillRows`, copied to 2176 by `initTables`, once per memory.
  (data $swizzles "\80\80\80\80\80\80\80\80\80\80\80\80\80\80\80\80\00\01\02\03\80\80\80\80\80\80\80\80\80\80\80\80\04\05\06\07\80\80\80\80\80\80\80\80\80\80\80\80\00\01\02\03\04\05\06\07\80\80\80\80\80\80\80\80\08\09\0a\0b\80\80\80\80\80\80\80\80\80\80\80\80\00\01\02\03\08\09\0a\0b\80\80\80\80\80\80\80\80\04\05\06\07\08\09\0a\0b\80\80\80\80\80\80\80\80\00\01\02\03\04\05\06\07\08\09\0a\0b\80\80\80\80\0c\0d\0e\0f\80\80\80\80\80\80\80\80\80\80\80\80\00\01\02\03\0c\0d\0e\0f\80\80\80\80\80\80\80\80\04\05\06\07\0c\0d\0e\0f\80\80\80\80\80\80\80\80\00\01\02\03\04\05\06\07\0c\0d\0e\0f\80\80\80\80\08\09\0a\0b\0c\0d\0e\0f\80\80\80\80\80\80\80\80\00\01\02\03\08\09\0a\0b\0c\0d\0e\0f\80\80\80\80\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\80\80\80\80\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f")
  (func (export "initTables")
    (memory.init $swizzles (i32.const 2176) (i32.const 0) (i32.const 256)))
;; @threads-begin
  ;; One step of a threaded product, shared out in chunks: every thread calls `work` with
  ;; the job's tag, and each chunk goes to whichever thread claims it first, by
  ;; compare-and-swap on `next` = tag << 16 | next chunk. A thread still holding an old
  ;; tag claims nothing, so a late thread never runs a chunk of the wrong job.
  ;; Control block (i32 at byte offsets):
  ;;   4 next   8 done (chunks finished)   16 kind (0: pack op(B), 1: gemm, 2: sparse rows)
  ;;   20 chunks   24 units per chunk (panels of 8 columns, or strips of 4 rows)
  ;;   28 a (strips, or A stored k × m)   32 aStep   36 aStrip   40 panel   44 c
  ;;   48 m   52 k   56 n   60 aSource (A stored m × k, packed chunk by chunk; 0: none)
  ;;   64 b   68 transposeB
  ;;   kind 2 (op(A) mostly zeros: each chunk compresses its rows or strips of op(A), then multiplies them):
  ;;   80 rowPtr or counts   84 cols or offsets   88 vals or values   96 A as stored   100 transposeA
  ;; The host owns bytes 0..3 and 12..15 (its wake-up counter and sleepers).
  ;; Returns how many chunks this thread ran.
  (func (export "work") (param $tag i32) (param $scratch i32) (result i32)
    (local $ran i32) (local $claim i32) (local $chunk i32) (local $first i32) (local $end i32) (local $rows i32)
    (local $k i32) (local $n i32)
    (loop $claims
      (local.set $claim (i32.atomic.load (i32.const 4)))
      (if (i32.ne (i32.shr_u (local.get $claim) (i32.const 16)) (local.get $tag)) (then (return (local.get $ran))))
      (local.set $chunk (i32.and (local.get $claim) (i32.const 0xffff)))
      (if (i32.ge_u (local.get $chunk) (i32.load (i32.const 20))) (then (return (local.get $ran))))
      (if (i32.eq
            (i32.atomic.rmw.cmpxchg (i32.const 4) (local.get $claim) (i32.add (local.get $claim) (i32.const 1)))
            (local.get $claim))
        (then
          ;; parameters are read after the claim: they cannot change while a chunk is unfinished
          (local.set $k (i32.load (i32.const 52)))
          (local.set $n (i32.load (i32.const 56)))
          (local.set $first (i32.mul (local.get $chunk) (i32.load (i32.const 24))))
          (local.set $end (i32.add (local.get $first) (i32.load (i32.const 24))))
          (if (i32.eq (i32.load (i32.const 16)) (i32.const 2))
            (then
              (if (i32.load (i32.const 100))
                (then
                  ;; strips [first, min(end, strips of m)) of op(A) = Aᵀ, then of C
                  (local.set $rows (i32.shr_u (i32.add (i32.load (i32.const 48)) (i32.const 3)) (i32.const 2)))
                  (if (i32.gt_u (local.get $end) (local.get $rows)) (then (local.set $end (local.get $rows))))
                  (call $compressStrips (i32.load (i32.const 96)) (i32.const 16) (i32.shl (i32.load (i32.const 48)) (i32.const 2))
                    (local.get $k) (local.get $first) (local.get $end)
                    (i32.load (i32.const 88)) (i32.load (i32.const 84)) (i32.load (i32.const 80)))
                  (call $gemmStrips (i32.load (i32.const 88)) (i32.load (i32.const 84)) (i32.load (i32.const 80))
                    (i32.load (i32.const 40)) (i32.load (i32.const 44)) (i32.load (i32.const 48)) (local.get $k) (local.get $n)
                    (local.get $first) (local.get $end) (local.get $scratch)))
                (else
                  ;; rows [4·first, min(m, 4·end)) of op(A) and C
                  (local.set $first (i32.shl (local.get $first) (i32.const 2)))
                  (local.set $end (i32.shl (local.get $end) (i32.const 2)))
                  (if (i32.gt_u (local.get $end) (i32.load (i32.const 48))) (then (local.set $end (i32.load (i32.const 48)))))
                  (call $fillRows (i32.load (i32.const 96)) (local.get $k) (i32.shl (local.get $n) (i32.const 2))
                    (local.get $first) (local.get $end)
                    (i32.load (i32.const 80)) (i32.load (i32.const 84)) (i32.load (i32.const 88)))
                  (call $spmm (i32.load (i32.const 80)) (i32.load (i32.const 84)) (i32.load (i32.const 88))
                    (local.get $first) (local.get $end) (i32.load (i32.const 64)) (i32.load (i32.const 44)) (local.get $n) (local.get $n)))))
          (else
          (if (i32.eqz (i32.load (i32.const 16)))
            (then
              ;; panels [first, end): columns 8·first .. min(n, 8·end)
              (call $packB
                (i32.add (i32.load (i32.const 64))
                  (i32.shl
                    (select
                      (i32.mul (i32.shl (local.get $first) (i32.const 3)) (local.get $k))
                      (i32.shl (local.get $first) (i32.const 3))
                      (i32.load (i32.const 68)))
                    (i32.const 2)))
                (i32.add (i32.load (i32.const 40)) (i32.shl (i32.mul (local.get $first) (local.get $k)) (i32.const 5)))
                (local.get $k)
                (i32.sub
                  (select (local.get $n) (i32.shl (local.get $end) (i32.const 3))
                    (i32.gt_u (i32.shl (local.get $end) (i32.const 3)) (local.get $n)))
                  (i32.shl (local.get $first) (i32.const 3)))
                (i32.load (i32.const 68))
                (local.get $n)))
            (else
              ;; strips [first, end): rows 4·first .. min(m, 4·end)
              (local.set $rows
                (i32.sub
                  (select (i32.load (i32.const 48)) (i32.shl (local.get $end) (i32.const 2))
                    (i32.gt_u (i32.shl (local.get $end) (i32.const 2)) (i32.load (i32.const 48))))
                  (i32.shl (local.get $first) (i32.const 2))))
              (if (i32.load (i32.const 60))
                (then
                  (call $packA
                    (i32.add (i32.load (i32.const 60)) (i32.shl (i32.mul (local.get $first) (local.get $k)) (i32.const 4)))
                    (i32.add (i32.load (i32.const 28)) (i32.shl (i32.mul (local.get $first) (local.get $k)) (i32.const 4)))
                    (local.get $rows) (local.get $k))))
              (call $gemm
                (i32.add (i32.load (i32.const 28)) (i32.mul (local.get $first) (i32.load (i32.const 36))))
                (i32.load (i32.const 32)) (i32.load (i32.const 36)) (i32.load (i32.const 40))
                (i32.add (i32.load (i32.const 44)) (i32.shl (i32.mul (local.get $first) (local.get $n)) (i32.const 4)))
                (local.get $rows) (local.get $k) (local.get $n) (local.get $n) (local.get $scratch))))))
          (local.set $ran (i32.add (local.get $ran) (i32.const 1)))
          (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 1)))
          ;; wakes the host if it sleeps until the job is done (a notify is a call into the engine: only then)
          (if (i32.atomic.load (i32.const 76))
            (then (drop (memory.atomic.notify (i32.const 8) (i32.const 1)))))))
      (br $claims))
    (unreachable))
;; @threads-end
)
