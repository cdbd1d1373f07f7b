//! naga validation of every element-wise program, and unit tests of the
//! expression builders.

use super::*;

#[test]
fn every_operation_on_every_dtype_validates_with_naga() {
    use crate::kernels::codegen::tests::validate;
    for d in DType::ALL {
        let bind = |n: usize, out: DType| {
            let mut b: Vec<Binding> = (0..n)
                .map(|_| Binding {
                    dtype: d,
                    access: Access::Read,
                })
                .collect();
            b.push(Binding {
                dtype: out,
                access: Access::Write,
            });
            b
        };
        let arr = |k: usize| MapInput::Array {
            dtype: d,
            binding: k,
        };
        for op in [
            UnaryOp::Neg,
            UnaryOp::Abs,
            UnaryOp::Sign,
            UnaryOp::Floor,
            UnaryOp::Ceil,
            UnaryOp::Round,
            UnaryOp::Trunc,
            UnaryOp::Sqrt,
            UnaryOp::Exp,
            UnaryOp::Log,
            UnaryOp::Sin,
            UnaryOp::Cos,
            UnaryOp::Tanh,
        ] {
            let float_only = matches!(
                op,
                UnaryOp::Sqrt
                    | UnaryOp::Exp
                    | UnaryOp::Log
                    | UnaryOp::Sin
                    | UnaryOp::Cos
                    | UnaryOp::Tanh
            );
            if float_only && !d.is_float() {
                continue;
            }
            if let Ok((e, h)) = unary_expr(op, d) {
                validate(&codegen::map(
                    unary_name(op),
                    &[arr(0)],
                    &bind(1, d),
                    1,
                    &e,
                    &h,
                ));
            }
        }
        for op in [
            BinaryOp::Add,
            BinaryOp::Sub,
            BinaryOp::Mul,
            BinaryOp::Div,
            BinaryOp::FloorDivide,
            BinaryOp::Rem,
            BinaryOp::Pow,
            BinaryOp::Maximum,
            BinaryOp::Minimum,
        ] {
            if let Ok((e, h)) = binary_expr(op, d) {
                validate(&codegen::map(
                    binary_name(op),
                    &[arr(0), arr(1)],
                    &bind(2, d),
                    2,
                    &e,
                    &h,
                ));
                // with a scalar right-hand side
                let sc = MapInput::Scalar { dtype: d, slot: 0 };
                validate(&codegen::map(
                    binary_name(op),
                    &[arr(0), sc],
                    &bind(1, d),
                    1,
                    &e,
                    &h,
                ));
            }
        }
        for op in [CompareOp::Eq, CompareOp::Lt, CompareOp::Ge] {
            validate(&codegen::map(
                "cmp",
                &[arr(0), arr(1)],
                &bind(2, DType::Bool),
                2,
                &compare_expr(op, d),
                "",
            ));
        }
        for to in DType::ALL {
            let (e, h) = cast_expr(d, to, "x0");
            validate(&codegen::map("astype", &[arr(0)], &bind(1, to), 1, &e, &h));
        }
    }
}

#[test]
fn ufunc_outputs_keep_the_inputs_memory_order() {
    // NumPy: (a.T + 1) is F-contiguous for a C-contiguous 2-D a;
    // a.transpose(1, 0, 2) + 1 keeps that permutation's order.
    let a = Layout::contiguous(&[3, 4], Order::C).unwrap();
    let l = layout_like(&[4, 3], Some(&a.t())).unwrap();
    assert!(l.is_f_contiguous() && !l.is_c_contiguous());
    let b = Layout::contiguous(&[2, 3, 4], Order::C)
        .unwrap()
        .permute(&[1, 0, 2])
        .unwrap();
    let l = layout_like(b.shape(), Some(&b)).unwrap();
    assert_eq!(l.strides(), &[4, 12, 1]);
    // broadcast or 1-D templates give C order
    let l = layout_like(&[2, 3], None).unwrap();
    assert!(l.is_c_contiguous());
}
