#include "console/cli/routing_args.h"

#include "console/cli/exit_codes.h"
#include "data/drill/drill_engine.h"
#include "data/error.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>

namespace breathline::cli {

std::optional<geo::LonLat> parse_lonlat_text(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos) return std::nullopt;
    try {
        std::size_t a = 0, b = 0;
        const std::string lon_s = text.substr(0, comma), lat_s = text.substr(comma + 1);
        const double lon = std::stod(lon_s, &a);
        const double lat = std::stod(lat_s, &b);
        if (a == lon_s.size() && b == lat_s.size()) return geo::LonLat(lon, lat);
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

data::RoutePoint resolve_point(const Context& ctx, data::Store& store, const std::string& option,
                               const std::string& text) {
    using data::DataError;
    using data::ErrorCode;
    if (text.rfind("person:", 0) == 0) {
        const std::string id = text.substr(7);
        const auto p = store.registry().person_by_external_id(id);
        if (!p) throw DataError(ErrorCode::not_found, option + ": no person '" + id + "'");
        if (!p->location)
            throw DataError(ErrorCode::not_found,
                            option + ": person '" + id + "' has no location; geocode the address");
        return {*p->location, ctx.tr("登録者 {0}", "person {0}", {id})};
    }
    if (text.rfind("facility:", 0) == 0) {
        const std::string id = text.substr(9);
        const auto f = store.facilities().facility_by_external_id(id);
        if (!f) throw DataError(ErrorCode::not_found, option + ": no facility '" + id + "'");
        if (!f->location)
            throw DataError(ErrorCode::not_found,
                            option + ": facility '" + id + "' has no location (unresolved)");
        return {*f->location, ctx.tr("施設 {0} ({1})", "facility {0} ({1})", {id, f->name})};
    }
    if (auto p = parse_lonlat_text(text)) return {*p, option + " " + text};
    throw UsageError{ctx.tr("{0} には 経度,緯度 (例: 139.7110,35.7300)、person:登録番号、"
                            "facility:施設ID のいずれかを指定します。'{1}' は不可",
                            "{0} takes LON,LAT (e.g. 139.7110,35.7300), person:ID or "
                            "facility:ID, not '{1}'",
                            {option, text})};
}

std::vector<OptionSpec> profile_options() {
    return {{"profile", true, "opt.route.profile"}, {"profiles", true, "opt.route.profiles"}};
}

std::unique_ptr<data::RoutingService> open_routing(const Context&, data::Store& store,
                                                   const Args& args) {
    data::RoutingServiceOptions options;
    if (auto p = args.get("profiles"))
        options.profiles_path = *p;
    else if (const char* env = std::getenv("BREATHLINE_PROFILES"); env && *env)
        options.profiles_path = env;
    auto service = std::make_unique<data::RoutingService>(store, options);
    // A running drill's closed roads close for this service only (never in road_closures).
    data::drill::apply_drill_closures(store, *service);
    return service;
}

std::string chosen_profile(const Context& ctx, const data::RoutingService& service,
                           const Args& args) {
    const std::string name = args.get("profile").value_or("car");
    std::string known;
    for (const auto& p : service.profiles()) {
        if (p.name == name) return name;
        known += (known.empty() ? "" : ", ") + p.name;
    }
    throw UsageError{ctx.tr("不明な移動プロファイル '{0}' (使えるもの: {1})",
                            "unknown travel profile '{0}' (known: {1})", {name, known})};
}

std::string format_duration(const Context& ctx, geo::road::Weight time_ms) {
    const long long s = std::llround(static_cast<double>(time_ms) / 1000.0);
    const long long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
    if (h > 0)
        return ctx.tr("{0}時間{1}分{2}秒", "{0} h {1} min {2} s",
                      {std::to_string(h), std::to_string(m), std::to_string(sec)});
    return ctx.tr("{0}分{1}秒", "{0} min {1} s", {std::to_string(m), std::to_string(sec)});
}

std::string format_distance(double metres) {
    char buf[32];
    if (metres < 1000)
        std::snprintf(buf, sizeof buf, "%.0f m", metres);
    else
        std::snprintf(buf, sizeof buf, "%.2f km", metres / 1000.0);
    return buf;
}

int report_snap_failure(const Context& ctx, const data::SnapFailure& failure) {
    const auto& e = failure.error;
    char where[64];
    std::snprintf(where, sizeof where, "(%.6f, %.6f)", e.point.lon(), e.point.lat());
    const std::string distance =
        std::isfinite(e.distance_m) ? format_distance(e.distance_m) : std::string("∞");
    *ctx.err << ctx.tr("エラー: {0} {1} は最寄りの道路から {2} 離れています (上限 {3})。"
                       "位置を確かめるか、その地域の道路網を roads import で取り込んでください\n",
                       "error: {0} {1} is {2} from the nearest usable road (the limit is {3}); "
                       "check the position, or import the roads of that area with roads "
                       "import\n",
                       {failure.label, where, distance, format_distance(e.limit_m)});
    return exit_bad_input;
}

std::string geojson_positions(const std::vector<geo::LonLat>& points) {
    std::string out = "[";
    char buf[64];
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s[%.7f,%.7f]", i ? "," : "", points[i].lon(),
                      points[i].lat());
        out += buf;
    }
    return out + "]";
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out)
        throw data::DataError(data::ErrorCode::io,
                              "cannot write '" + path.string() +
                                  "': check that the directory exists and is writable");
}

std::size_t parse_count(const Context& ctx, const std::string& name, const std::string& value) {
    // Whole positive numbers only: stoul alone takes "3x" as 3 and "-1" as a
    // huge number.
    std::size_t used = 0;
    unsigned long parsed = 0;
    try {
        parsed = std::stoul(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != value.size() || value.front() == '-' || parsed == 0)
        throw UsageError{ctx.t("err.bad_number", {name, value})};
    return static_cast<std::size_t>(parsed);
}

} // namespace breathline::cli
