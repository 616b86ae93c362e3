//! Adds XMP extension schemas to the metadata of a PDF krilla wrote.
//!
//! krilla 0.8 embeds files with their `/AFRelationship` and lists them in the catalog's
//! `/AF` array, but builds its XMP packet itself, with no hook for a custom schema. The
//! smallest sound fix is to rewrite that one object: krilla writes the metadata stream
//! uncompressed and a classic cross-reference table, so the object is replaced, the
//! offsets after it shifted by the change in length, and `startxref` moved. The file stays
//! a single revision (no incremental update a reader might show as "modified").
//!
//! PDF/A-3 (ISO 19005-3, 6.6.2.3) requires each custom property to be declared in the
//! packet's `pdfaExtension:schemas`: the schemas go into the bag krilla already writes
//! for its own declarations, and the values into a `rdf:Description` of their own.

use crate::{RenderError, XmpSchema};

fn fail(message: &str) -> RenderError {
    RenderError::Metadata(message.to_owned())
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn rfind(haystack: &[u8], needle: &[u8], before: usize) -> Option<usize> {
    haystack.get(..before)?.windows(needle.len()).rposition(|w| w == needle)
}

fn part(bytes: &[u8], range: std::ops::Range<usize>) -> Result<&[u8], RenderError> {
    bytes.get(range).ok_or_else(|| fail("offset outside the file"))
}

fn text(bytes: &[u8], range: std::ops::Range<usize>) -> Result<&str, RenderError> {
    std::str::from_utf8(part(bytes, range)?).map_err(|_| fail("text expected"))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The `rdf:li` declaring one schema, for `pdfaExtension:schemas`' bag.
fn declaration(schema: &XmpSchema) -> String {
    let mut out = String::from("<rdf:li rdf:parseType=\"Resource\">");
    out.push_str(&format!("<pdfaSchema:schema>{}</pdfaSchema:schema>", escape(&schema.schema)));
    out.push_str(&format!("<pdfaSchema:namespaceURI>{}</pdfaSchema:namespaceURI>", escape(&schema.namespace)));
    out.push_str(&format!("<pdfaSchema:prefix>{}</pdfaSchema:prefix>", escape(&schema.prefix)));
    out.push_str("<pdfaSchema:property><rdf:Seq>");
    for (name, _, description) in &schema.properties {
        out.push_str("<rdf:li rdf:parseType=\"Resource\">");
        out.push_str(&format!("<pdfaProperty:name>{}</pdfaProperty:name>", escape(name)));
        out.push_str("<pdfaProperty:valueType>Text</pdfaProperty:valueType>");
        out.push_str("<pdfaProperty:category>external</pdfaProperty:category>");
        out.push_str(&format!("<pdfaProperty:description>{}</pdfaProperty:description>", escape(description)));
        out.push_str("</rdf:li>");
    }
    out.push_str("</rdf:Seq></pdfaSchema:property></rdf:li>");
    out
}

/// The `rdf:Description` holding one schema's values.
fn values(schema: &XmpSchema) -> String {
    let prefix = escape(&schema.prefix);
    let mut out = format!("<rdf:Description rdf:about=\"\" xmlns:{prefix}=\"{}\">", escape(&schema.namespace));
    for (name, value, _) in &schema.properties {
        let name = escape(name);
        out.push_str(&format!("<{prefix}:{name}>{}</{prefix}:{name}>", escape(value)));
    }
    out.push_str("</rdf:Description>");
    out
}

/// The packet with the schemas declared and filled.
fn extend(packet: &str, schemas: &[&XmpSchema]) -> Result<String, RenderError> {
    let declarations: String = schemas.iter().map(|s| declaration(s)).collect();
    let descriptions: String = schemas.iter().map(|s| values(s)).collect();
    let mut out = packet.to_owned();
    // krilla declares pdfaid's schema in a bag of its own: ours join it, since XMP allows
    // the property `pdfaExtension:schemas` once.
    let schemas_open = out.find("<pdfaExtension:schemas>").ok_or_else(|| fail("no pdfaExtension:schemas"))?;
    let bag =
        out.get(schemas_open..).and_then(|rest| rest.find("<rdf:Bag>")).ok_or_else(|| fail("no bag of schemas"))?
            + schemas_open;
    out.insert_str(bag + "<rdf:Bag>".len(), &declarations);
    let end = out.rfind("</rdf:RDF>").ok_or_else(|| fail("no rdf:RDF"))?;
    out.insert_str(end, &descriptions);
    Ok(out)
}

/// `pdf` with `schemas` added to its XMP metadata.
pub(crate) fn add_schemas(pdf: Vec<u8>, schemas: &[&XmpSchema]) -> Result<Vec<u8>, RenderError> {
    let start_packet = find(&pdf, b"<?xpacket begin", 0).ok_or_else(|| fail("no XMP packet"))?;
    let end_marker = find(&pdf, b"<?xpacket end", start_packet).ok_or_else(|| fail("unterminated XMP packet"))?;
    let end_packet = find(&pdf, b"?>", end_marker).ok_or_else(|| fail("unterminated XMP packet"))? + 2;
    // The object around the packet: "N 0 obj" at the start of a line, "endobj" after it.
    let header_end = rfind(&pdf, b" 0 obj", start_packet).ok_or_else(|| fail("no object around the metadata"))?;
    let object_start = part(&pdf, 0..header_end)?.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let number = text(&pdf, object_start..header_end)?.to_owned();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail("object number"));
    }
    let object_end = find(&pdf, b"endobj", end_packet).ok_or_else(|| fail("no endobj"))? + "endobj".len();
    let dictionary = part(&pdf, header_end + " 0 obj".len()..start_packet)?;
    if find(dictionary, b"/Filter", 0).is_some() || find(dictionary, b"/Metadata", 0).is_none() {
        return Err(fail("the metadata stream is not an uncompressed /Metadata stream"));
    }
    let packet = text(&pdf, start_packet..end_packet)?;
    let packet = extend(packet, schemas)?;
    let object = format!(
        "{number} 0 obj\n<<\n  /Length {}\n  /Type /Metadata\n  /Subtype /XML\n>>\nstream\n{packet}\nendstream\nendobj",
        packet.len()
    );
    let old_length = i64::try_from(object_end - object_start).map_err(|_| fail("size"))?;
    let delta = i64::try_from(object.len()).map_err(|_| fail("size"))? - old_length;

    let mut out = Vec::with_capacity(pdf.len() + object.len());
    out.extend_from_slice(part(&pdf, 0..object_start)?);
    out.extend_from_slice(object.as_bytes());
    out.extend_from_slice(part(&pdf, object_end..pdf.len())?);
    shift_offsets(&mut out, object_start, delta)?;
    Ok(out)
}

/// Adds `delta` to every cross-reference offset after `from`, and to `startxref`.
fn shift_offsets(pdf: &mut Vec<u8>, from: usize, delta: i64) -> Result<(), RenderError> {
    let startxref = rfind(pdf, b"startxref", pdf.len()).ok_or_else(|| fail("no startxref"))?;
    let digits_start = startxref + "startxref".len();
    let tail = text(pdf, digits_start..pdf.len())?;
    let old_xref: usize =
        tail.split_whitespace().next().and_then(|n| n.parse().ok()).ok_or_else(|| fail("startxref"))?;
    let moved = |offset: usize| -> Result<usize, RenderError> {
        if offset <= from {
            return Ok(offset);
        }
        usize::try_from(i64::try_from(offset).map_err(|_| fail("offset"))? + delta).map_err(|_| fail("offset"))
    };
    let xref = moved(old_xref)?;
    if pdf.get(xref..xref + 4) != Some(b"xref") {
        return Err(fail("no classic xref table where startxref points"));
    }
    // "xref\n0 N\n" then N entries of 20 bytes: "oooooooooo ggggg n\r\n".
    let header_end = find(pdf, b"\n", xref + 5).ok_or_else(|| fail("xref header"))? + 1;
    let header = text(pdf, xref + 5..header_end)?;
    let mut fields = header.split_whitespace();
    let (first, count): (usize, usize) =
        match (fields.next().and_then(|f| f.parse().ok()), fields.next().and_then(|c| c.parse().ok())) {
            (Some(first), Some(count)) => (first, count),
            _ => return Err(fail("xref subsection")),
        };
    if first != 0 {
        return Err(fail("xref subsection"));
    }
    for index in 0..count {
        let at = header_end + index * 20;
        let entry = pdf.get(at..at + 20).ok_or_else(|| fail("xref entry"))?;
        if entry.get(17) != Some(&b'n') {
            continue;
        }
        let offset: usize = text(entry, 0..10)?.parse().map_err(|_| fail("xref entry"))?;
        let new = format!("{:010}", moved(offset)?);
        pdf.splice(at..at + 10, new.into_bytes());
    }
    let tail_text = format!("startxref\n{xref}\n%%EOF\n");
    pdf.truncate(startxref);
    pdf.extend_from_slice(tail_text.as_bytes());
    Ok(())
}
