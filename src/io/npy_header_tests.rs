//! Tests of the `.npy` header: NumPy 2.4.6's writer byte for byte
//! (`numpy.lib._format_impl._write_array_header`), and the parser's
//! acceptance and refusals.

use super::*;

/// `(dtype, fortran_order, shape, total header bytes, the first 10 bytes,
/// the dict text, spaces and '\n' after it)`, from NumPy 2.4.6.
#[allow(clippy::type_complexity)]
fn numpy_headers() -> Vec<(
    DType,
    bool,
    Vec<usize>,
    usize,
    &'static [u8],
    &'static str,
    usize,
)> {
    vec![
        (
            DType::F32,
            false,
            vec![3, 4],
            128,
            b"\x93NUMPY\x01\x00v\x00",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }",
            59,
        ),
        (
            DType::Bool,
            false,
            vec![],
            128,
            b"\x93NUMPY\x01\x00v\x00",
            "{'descr': '|b1', 'fortran_order': False, 'shape': (), }",
            63,
        ),
        (
            DType::I8,
            false,
            vec![5],
            128,
            b"\x93NUMPY\x01\x00v\x00",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (5,), }",
            61,
        ),
        (
            DType::F64,
            true,
            vec![3, 5],
            128,
            b"\x93NUMPY\x01\x00v\x00",
            "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 5), }",
            60,
        ),
        (
            DType::U16,
            false,
            vec![0, 3],
            128,
            b"\x93NUMPY\x01\x00v\x00",
            "{'descr': '<u2', 'fortran_order': False, 'shape': (0, 3), }",
            59,
        ),
        (
            DType::I64,
            true,
            vec![2, 3, 123456789012],
            128,
            b"\x93NUMPY\x01\x00v\x00",
            "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3, 123456789012), }",
            46,
        ),
        (
            DType::U32,
            false,
            vec![12345678901234567890],
            128,
            b"\x93NUMPY\x01\x00v\x00",
            "{'descr': '<u4', 'fortran_order': False, 'shape': (12345678901234567890,), }",
            42,
        ),
    ]
}

#[test]
fn format_header_is_numpys() {
    for (dtype, f, shape, total, prefix, dict, tail) in numpy_headers() {
        let h = format_header(dtype, f, &shape);
        assert_eq!(h.len(), total, "{dict}");
        assert_eq!(&h[..10], prefix, "{dict}");
        assert_eq!(&h[10..10 + dict.len()], dict.as_bytes());
        let rest = &h[10 + dict.len()..];
        assert_eq!(rest.len(), tail, "{dict}");
        assert!(rest[..tail - 1].iter().all(|&b| b == b' ') && rest[tail - 1] == b'\n');
    }
}

#[test]
fn format_header_64_axes_is_numpys() {
    // NumPy 2.4.6: 320 bytes, length field 0x136, 65 bytes after the dict.
    let shape = vec![1usize; 64];
    let h = format_header(DType::F16, false, &shape);
    assert_eq!(h.len(), 320);
    assert_eq!(&h[..10], b"\x93NUMPY\x01\x006\x01");
    let back = parse_header("t", "p", &h).unwrap();
    assert_eq!(back.shape, shape);
    assert_eq!(back.data_offset, 320);
}

#[test]
fn formatted_headers_parse_back_aligned() {
    let dtypes = DType::ALL;
    for dtype in dtypes {
        for f in [false, true] {
            for shape in [
                vec![],
                vec![0],
                vec![7],
                vec![3, 5],
                vec![0, 3],
                vec![2, 1, 4, 9],
            ] {
                let h = format_header(dtype, f, &shape);
                assert_eq!(h.len() % 64, 0);
                let p = parse_header("t", "p", &h).unwrap();
                let n: usize = shape.iter().product();
                assert_eq!(
                    p,
                    NpyHeader {
                        dtype,
                        big_endian: false,
                        fortran_order: f,
                        shape: shape.clone(),
                        version: (1, 0),
                        data_offset: h.len() as u64,
                        data_len: (n * dtype.itemsize()) as u64,
                    }
                );
                assert_eq!(header_len_needed(&h[..10]), Some(h.len() as u64));
                assert_eq!(header_len_needed(&h[..9]), None);
            }
        }
    }
}

/// A header of `version` around `text` (no padding).
fn raw(version: (u8, u8), text: &str) -> Vec<u8> {
    let mut v = MAGIC.to_vec();
    v.extend_from_slice(&[version.0, version.1]);
    if version == (1, 0) {
        v.extend_from_slice(&(text.len() as u16).to_le_bytes());
    } else {
        v.extend_from_slice(&(text.len() as u32).to_le_bytes());
    }
    v.extend_from_slice(text.as_bytes());
    v
}

fn ok(version: (u8, u8), text: &str) -> NpyHeader {
    parse_header("t", "p", &raw(version, text)).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(version: (u8, u8), text: &str) -> String {
    match parse_header("t", "p", &raw(version, text)) {
        Err(Error::Format {
            op: "t",
            path,
            reason,
        }) if path == "p" => reason,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn accepts_python_dict_spellings() {
    let h = ok(
        (1, 0),
        "{\"shape\":(3,4,),\"fortran_order\":True,\"descr\":\">f8\"}\n",
    );
    assert_eq!(
        (h.dtype, h.big_endian, h.fortran_order, h.shape),
        (DType::F64, true, true, vec![3, 4])
    );
    assert_eq!(h.data_len, 96);
    assert_eq!(h.data_offset, 10 + 52);
    let h = ok(
        (2, 0),
        "  { 'descr' : '|u1' , 'fortran_order' : False , 'shape' : ( ) }  ",
    );
    assert_eq!(
        (h.dtype, h.shape.len(), h.version, h.data_offset),
        (DType::U8, 0, (2, 0), 12 + 65)
    );
    // Python 2's long suffix in versions 1.0 and 2.0 (NumPy's _filter_header).
    let h = ok(
        (1, 0),
        "{'descr': '<i2', 'fortran_order': False, 'shape': (3L, 2L), }",
    );
    assert_eq!(h.shape, vec![3, 2]);
    assert!(
        err(
            (3, 0),
            "{'descr': '<i2', 'fortran_order': False, 'shape': (3L,), }"
        )
        .contains("malformed number")
    );
    // Version 3.0: UTF-8 text.
    let h = ok(
        (3, 0),
        "{'descr': '=u8', 'fortran_order': False, 'shape': (2,), }",
    );
    assert_eq!(
        (h.dtype, h.big_endian, h.version),
        (DType::U64, false, (3, 0))
    );
    for (d, dt, be) in [
        ("?", DType::Bool, false),
        ("<b1", DType::Bool, false),
        (">b1", DType::Bool, false),
        (">i1", DType::I8, false),
        ("<u1", DType::U8, false),
        ("f4", DType::F32, false),
        ("|f4", DType::F32, false),
        (">f2", DType::F16, true),
        (">i4", DType::I32, true),
        (">u2", DType::U16, true),
        (">i8", DType::I64, true),
    ] {
        let h = ok(
            (1, 0),
            &format!("{{'descr': '{d}', 'fortran_order': False, 'shape': (1,), }}"),
        );
        assert_eq!((h.dtype, h.big_endian), (dt, be), "{d}");
    }
}

#[test]
fn refuses_what_numpy_refuses() {
    let dict = |d: &str, f: &str, s: &str| {
        format!("{{'descr': {d}, 'fortran_order': {f}, 'shape': {s}, }}")
    };
    for d in [
        "'<c8'",
        "'|O'",
        "'S10'",
        "'<U3'",
        "'<M8[ns]'",
        "'V8'",
        "'<f16'",
        "'<i3'",
        "''",
        "'<f4 '",
    ] {
        let r = err((1, 0), &dict(d, "False", "(3,)"));
        assert!(r.starts_with("unsupported dtype '"), "{d}: {r}");
        assert!(r.contains(&d[1..d.len() - 1]), "{d}: {r}");
    }
    assert!(err((1, 0), &dict("[('a', '<f4')]", "False", "(3,)")).contains("structured"));
    assert!(err((1, 0), &dict("'<f4'", "0", "(3,)")).contains("fortran_order"));
    assert!(err((1, 0), &dict("'<f4'", "False", "(3)")).contains("not a tuple"));
    assert!(err((1, 0), &dict("'<f4'", "False", "[3]")).contains("not NumPy's dict"));
    assert!(err((1, 0), &dict("'<f4'", "False", "(-3,)")).contains("negative"));
    assert!(err((1, 0), &dict("'<f4'", "False", "(3.0,)")).contains("malformed"));
    assert!(err((1, 0), &dict("'<f4'", "False", "(03,)")).contains("leading zero"));
    assert!(err((1, 0), &dict("'<f4'", "False", "(3,,)")).contains("not a tuple"));
    assert!(
        err(
            (1, 0),
            &dict("'<f4'", "False", "(99999999999999999999999,)")
        )
        .contains("64 bits")
    );
    assert!(err((1, 0), &dict("'<f4'", "None", "(3,)")).contains("None"));
    assert!(
        err((1, 0), "{'descr': '<f4', 'fortran_order': False}").contains("lacks the key 'shape'")
    );
    assert!(
        err(
            (1, 0),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}"
        )
        .contains("'x'")
    );
    assert!(
        err(
            (1, 0),
            "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}"
        )
        .contains("twice")
    );
    assert!(
        err(
            (1, 0),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x"
        )
        .contains("after the closing")
    );
    assert!(
        err(
            (1, 0),
            "{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}"
        )
        .contains("','")
    );
    assert!(err((1, 0), "{'descr: '<f4'}").contains("not NumPy's dict"));
    assert!(err((1, 0), "").contains("ends"));
    assert!(
        err(
            (1, 0),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)"
        )
        .contains("ends")
    );
    assert!(err((1, 0), "['descr']").contains("'{'"));
    // Too many axes.
    let many = format!("({})", "1, ".repeat(65));
    let r = err((1, 0), &dict("'<f4'", "False", &many));
    assert!(r.contains("axes") && r.contains("64"), "{r}");
    // Sizes: overflow of u64, then NumPy's isize::MAX limit (zeros count as 1).
    let r = err((1, 0), &dict("'<f8'", "False", "(4294967296, 4294967296)"));
    assert!(
        r.contains("shape (4294967296, 4294967296) of itemsize 8 overflows"),
        "{r}"
    );
    let r = err((1, 0), &dict("'<i2'", "False", "(9223372036854775807,)"));
    assert!(r.contains("maximum array size"), "{r}");
    let r = err(
        (1, 0),
        &dict("'|u1'", "False", "(0, 9223372036854775807, 2)"),
    );
    assert!(r.contains("maximum array size"), "{r}");
    let h = ok((1, 0), &dict("'|u1'", "False", "(0, 9223372036854775807)"));
    assert_eq!(h.data_len, 0);
    // Version 3.0 text that is not UTF-8.
    let mut bad = raw(
        (3, 0),
        "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} ",
    );
    *bad.last_mut().unwrap() = 0xff;
    assert!(parse_header("t", "p", &bad).is_err());
}

#[test]
fn refuses_bad_prefixes() {
    let good = format_header(DType::F32, false, &[2]);
    let r = |b: &[u8]| match parse_header("t", "p", b) {
        Err(Error::Format { reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    assert!(r(b"PK\x03\x04 not npy").contains("magic"));
    assert!(r(b"").contains("truncated"));
    assert!(r(&good[..7]).contains("truncated"));
    assert!(r(&good[..9]).contains("truncated"));
    assert!(r(&good[..100]).contains("truncated header: it claims 118 bytes"));
    let mut v = good.clone();
    v[6] = 4;
    assert!(r(&v).contains("version (4, 0)"));
    assert_eq!(header_len_needed(&v), None);
    let mut v = good.clone();
    v[6] = 2;
    v.splice(8..10, [0xff, 0xff, 0xff, 0x7f]);
    assert!(r(&v).contains("max_header_size"));
    assert_eq!(header_len_needed(&v), Some(12 + 0x7fff_ffff));
    assert_eq!(header_len_needed(b"\x93NUMPY\x01"), None);
    assert_eq!(header_len_needed(b"\x93NUMPX\x01\x00\x00\x00"), None);
}
