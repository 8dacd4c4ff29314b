//! Output intents (ISO 32000-1, 14.11.5): the colour condition a file is made for, as an
//! embedded ICC profile in the catalog's /OutputIntents. PDF/A needs one (subtype GTS_PDFA1)
//! for its device colours to mean something; PDF/X needs one (GTS_PDFX) naming the printing
//! condition. The profiles are the open-licensed files in `profiles/` (see its README),
//! compiled into the binary.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// An ICC profile and how an output intent names it.
pub(super) struct IccProfile<'a> {
    pub bytes: &'a [u8],
    /// Colour components (/N): 3 for RGB, 4 for CMYK.
    pub components: u8,
    /// /OutputConditionIdentifier: the registered name of the condition.
    pub condition: &'a str,
    /// /Info: a human-readable description of it.
    pub info: &'a str,
}

/// sRGB (IEC 61966-2.1), the colour space quire's RGB colours are meant in.
pub(super) const SRGB: IccProfile<'static> = IccProfile {
    bytes: include_bytes!("../../../profiles/sRGB.icc"),
    components: 3,
    condition: "sRGB IEC61966-2.1",
    info: "sRGB IEC61966-2.1",
};

/// The output intent subtype that PDF/A-2 reads.
pub(super) const GTS_PDFA1: &str = "GTS_PDFA1";
/// The output intent subtype that PDF/X reads.
pub(super) const GTS_PDFX: &str = "GTS_PDFX";

/// The ICC registry the condition identifiers are registered with.
const ICC_REGISTRY: &str = "http://www.color.org";

/// Adds `profile` as the document's output intent of `subtype` (replacing any other) and
/// returns the profile stream's id, which ICC-based colour spaces may share.
pub(super) fn install(
    d: &mut Document,
    catalog: ObjectId,
    profile: &IccProfile,
    subtype: &str,
) -> ObjectId {
    let mut stream_dict = Dictionary::new();
    stream_dict.set("N", Object::Integer(i64::from(profile.components)));
    let mut stream = Stream::new(stream_dict, profile.bytes.to_vec());
    // Compressed by the post-pass like any other stream (ICC profiles deflate to about half).
    stream.allows_compression = true;
    let profile_id = d.add_object(stream);
    let intent_id = d.add_object(intent_dictionary(profile, subtype, profile_id));
    if let Ok(catalog) = d.get_object_mut(catalog).and_then(Object::as_dict_mut) {
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Reference(intent_id)]),
        );
    }
    profile_id
}

/// Adds a second output intent, of `subtype`, for the profile [`install`] embedded as
/// `profile_id`: PDF/A-2 (6.2.3) wants every intent of a file to share one profile object.
pub(super) fn add_sharing(
    d: &mut Document,
    catalog: ObjectId,
    profile: &IccProfile,
    profile_id: ObjectId,
    subtype: &str,
) {
    let intent_id = d.add_object(intent_dictionary(profile, subtype, profile_id));
    if let Ok(catalog) = d.get_object_mut(catalog).and_then(Object::as_dict_mut)
        && let Ok(Object::Array(intents)) = catalog.get_mut(b"OutputIntents")
    {
        intents.push(Object::Reference(intent_id));
    }
}

fn intent_dictionary(profile: &IccProfile, subtype: &str, profile_id: ObjectId) -> Dictionary {
    let literal = |text: &str| Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(subtype.as_bytes().to_vec())),
        ("OutputConditionIdentifier", literal(profile.condition)),
        ("RegistryName", literal(ICC_REGISTRY)),
        ("Info", literal(profile.info)),
        ("DestOutputProfile", Object::Reference(profile_id)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ICC header's colour space signature (bytes 16..20) and device class (12..16).
    fn header<'a>(profile: &IccProfile<'a>) -> (&'a [u8], &'a [u8]) {
        (&profile.bytes[16..20], &profile.bytes[12..16])
    }

    #[test]
    fn the_srgb_profile_is_an_rgb_profile_of_its_stated_size() {
        let size = u32::from_be_bytes(SRGB.bytes[0..4].try_into().unwrap());
        assert_eq!(size as usize, SRGB.bytes.len());
        assert_eq!(header(&SRGB), (&b"RGB "[..], &b"mntr"[..]));
        assert_eq!(SRGB.components, 3);
    }

    #[test]
    fn the_intent_names_its_profile_in_the_catalog() {
        let mut d = Document::with_version("1.7");
        let catalog = d.add_object(Dictionary::from_iter([(
            "Type",
            Object::Name(b"Catalog".to_vec()),
        )]));
        let profile = install(&mut d, catalog, &SRGB, GTS_PDFA1);
        let catalog = d.get_dictionary(catalog).unwrap();
        let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
        assert_eq!(intents.len(), 1);
        let intent = d
            .get_dictionary(intents[0].as_reference().unwrap())
            .unwrap();
        assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
        assert_eq!(
            intent
                .get(b"DestOutputProfile")
                .unwrap()
                .as_reference()
                .unwrap(),
            profile
        );
        let stream = d.get_object(profile).unwrap().as_stream().unwrap();
        assert_eq!(stream.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
        assert_eq!(stream.content, SRGB.bytes);
    }
}
