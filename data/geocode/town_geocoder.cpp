#include "data/geocode/town_geocoder.h"

#include "data/error.h"
#include "data/gdal/gdal_support.h"
#include "data/text/normalize.h"

#include <cpl_error.h>
#include <cpl_json.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace breathline::data {

namespace {

std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DataError(ErrorCode::io, "cannot read the town table '" + path.string() +
                                           "': check that the file exists and is readable "
                                           "(see --data-dir)");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw DataError(ErrorCode::io, "reading the town table '" + path.string() + "' failed");
    return buffer.str();
}

bool is_number(const CPLJSONObject& value) {
    const auto type = value.GetType();
    return type == CPLJSONObject::Type::Double || type == CPLJSONObject::Type::Integer ||
           type == CPLJSONObject::Type::Long;
}

} // namespace

TownGeocoder TownGeocoder::load(const std::filesystem::path& geolonia_json) {
    const std::string text = read_whole_file(geolonia_json);
    const std::string file = "'" + geolonia_json.string() + "'";
    auto invalid = [&](const std::string& what) {
        return DataError(ErrorCode::invalid_input,
                         "town table " + file + ": " + what +
                             "; expected a Geolonia JSON array of {town, koaza, lat, lng}");
    };

    CPLJSONDocument doc;
    {
        gdal::QuietErrors quiet;
        if (!doc.LoadMemory(text))
            throw invalid(std::string("not valid JSON (") + CPLGetLastErrorMsg() + ")");
    }
    const CPLJSONObject root = doc.GetRoot();
    if (root.GetType() != CPLJSONObject::Type::Array)
        throw invalid("the top level is not an array");
    const CPLJSONArray rows = root.ToArray();

    TownGeocoder geocoder;
    // Rows whose koaza (小字) is empty describe the whole town; remember which
    // towns got their point from a koaza row so that a later whole-town row
    // replaces it (the table lists koaza rows after their town when it has any).
    std::map<std::string, bool, std::less<>> from_koaza;
    for (int i = 0; i < rows.Size(); ++i) {
        const CPLJSONObject row = rows[i];
        const std::string where = "entry " + std::to_string(i);
        if (row.GetType() != CPLJSONObject::Type::Object)
            throw invalid(where + " is not an object");
        const std::string town = text::trim(row.GetString("town"));
        if (town.empty()) throw invalid(where + " has no \"town\"");
        const CPLJSONObject lat = row.GetObj("lat");
        const CPLJSONObject lng = row.GetObj("lng");
        if (!is_number(lat) || !is_number(lng))
            throw invalid(where + " (" + town + ") has no numeric \"lat\"/\"lng\"");
        std::optional<geo::LonLat> point;
        try {
            point.emplace(lng.ToDouble(), lat.ToDouble());
        } catch (const std::invalid_argument& e) {
            throw invalid(where + " (" + town + "): " + e.what());
        }
        const bool koaza = !text::trim(row.GetString("koaza")).empty();
        auto it = geocoder.m_towns.find(town);
        if (it == geocoder.m_towns.end()) {
            geocoder.m_towns.emplace(town, *point);
            from_koaza[town] = koaza;
        } else if (from_koaza[town] && !koaza) {
            it->second = *point;
            from_koaza[town] = false;
        }
    }
    if (geocoder.m_towns.empty()) throw invalid("the array is empty");
    return geocoder;
}

std::optional<geo::LonLat> TownGeocoder::locate_town(std::string_view town_key) const {
    const auto it = m_towns.find(text::trim(town_key));
    if (it == m_towns.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> TownGeocoder::towns() const {
    std::vector<std::string> out;
    out.reserve(m_towns.size());
    for (const auto& [town, point] : m_towns)
        out.push_back(town);
    return out;
}

} // namespace breathline::data
