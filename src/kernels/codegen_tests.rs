//! naga validation of generated programs (every instantiation, and the
//! software-float16 form without its capability) and codegen unit tests.

use super::*;

/// Parses and validates a program with naga, as the device would.
pub(crate) fn validate(p: &Program) {
    let module = naga::front::wgsl::parse_str(&p.source).unwrap_or_else(|e| {
        panic!(
            "{} does not parse: {}\n{}",
            p.key,
            e.emit_to_string(&p.source),
            p.source
        )
    });
    naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::all(),
    )
    .validate(&module)
    .unwrap_or_else(|e| panic!("{} does not validate: {e:?}\n{}", p.key, p.source));
    assert!(
        module.entry_points.iter().any(|ep| ep.name == "main"),
        "{}",
        p.key
    );
    // The form compiled on devices without the float16 packing
    // builtins must validate without that capability.
    if p.source.contains("pack2x16float(") {
        let soft =
            crate::runtime::software_f16(&crate::runtime::runtime_float_constants(&p.source));
        let module = naga::front::wgsl::parse_str(&soft)
            .unwrap_or_else(|e| panic!("{} (software f16): {}", p.key, e.emit_to_string(&soft)));
        naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::all() - naga::valid::Capabilities::SHADER_FLOAT16_IN_FLOAT32,
        )
        .validate(&module)
        .unwrap_or_else(|e| panic!("{} (software f16) does not validate: {e:?}", p.key));
    }
    if let Some(v4) = &p.vec4 {
        validate(v4);
    }
    if let Some(v4) = &p.vec4_at0 {
        validate(v4);
    }
    if let Some(spec) = &p.tile4 {
        // Every way of reading the inputs (rows or columns); the output is
        // read by rows.
        let inputs = p.operand_binding.len() - 1;
        for bits in 0..1u32 << inputs {
            let mut reads: Vec<TileRead> = (0..inputs)
                .map(|k| {
                    if bits >> k & 1 == 1 {
                        TileRead::Cols
                    } else {
                        TileRead::Rows
                    }
                })
                .collect();
            reads.push(TileRead::Rows);
            validate(&map_tile4(spec, &reads));
        }
    }
    if p.source.contains("const RANK: u32 = 0u;") {
        for nd in 1..=3 {
            validate(&rank_variant(p, nd));
        }
    }
}

#[test]
fn every_copy_fill_and_arange_instantiation_validates() {
    for d in DType::ALL {
        validate(&copy(d, false));
        validate(&copy(d, true));
        validate(&fill(d));
        if d != DType::Bool {
            validate(&arange(d));
        }
    }
}

#[test]
fn a_missing_feature_is_an_error_naming_it() {
    let p = arange(DType::F64);
    let e = p.check_features("arange", |_| false).unwrap_err();
    assert_eq!(
        e.to_string(),
        "arange: the device lacks the SHADER_F64 feature"
    );
    let e = arange(DType::U64)
        .check_features("arange", |f| f == Feature::ShaderF64)
        .unwrap_err();
    assert_eq!(
        e,
        Error::MissingFeature {
            op: "arange",
            feature: "SHADER_INT64",
            instead: ""
        }
    );
    assert!(
        copy(DType::F64, false)
            .check_features("copy", |_| false)
            .is_ok()
    );
    assert!(
        arange(DType::F16)
            .check_features("arange", |_| false)
            .is_ok(),
        "f16 needs no feature"
    );
}

#[test]
fn keys_name_family_mode_and_dtypes() {
    assert_eq!(copy(DType::U8, false).key, "copy:raw:u1r:u1w:01");
    assert_eq!(copy(DType::F32, true).key, "copy:raw:f4w:00");
    assert_eq!(arange(DType::I64).features, vec![Feature::ShaderInt64]);
    assert_eq!(
        arange(DType::F64).features,
        vec![Feature::ShaderF64, Feature::ShaderInt64]
    );
    assert!(
        copy(DType::F64, false).features.is_empty(),
        "copies need no feature"
    );
}
