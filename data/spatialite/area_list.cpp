#include "data/spatialite/area_list.h"

#include "data/spatialite/spatialite_store.h"

namespace breathline::data::spatialite {

namespace {

// Hex keeps the WKB out of the text accessors' way; SQLite's hex() is upper case.
std::string from_hex(const std::string& hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(nibble(hex[2 * i]) * 16 + nibble(hex[2 * i + 1]));
    return out;
}

} // namespace

std::vector<AreaGeometry> areas_of_kind(SpatialiteStore& store, std::string_view kind) {
    // AsText rounds to 6 decimals (about 10 cm); WKB keeps the stored doubles
    // exactly and AsWKT keeps enough digits for a text column.
    auto st = store.database().prepare(
        "SELECT id, kind, name, COALESCE(source,''), AsWKT(geom), Hex(AsBinary(geom)) "
        "FROM areas WHERE kind=? ORDER BY id");
    st.bind(1, kind);
    std::vector<AreaGeometry> out;
    while (st.step()) {
        AreaGeometry a;
        a.area = Area{st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3),
                      st.is_null(4) ? std::string() : st.column_text(4)};
        if (!st.is_null(5)) a.wkb = from_hex(st.column_text(5));
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace breathline::data::spatialite
