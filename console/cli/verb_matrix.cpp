#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/routing_args.h"
#include "data/error.h"
#include "data/model/enums.h"
#include "data/text/csv.h"
#include "data/text/encoding.h"
#include "data/text/normalize.h"

#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>

namespace breathline::cli {

namespace {

using data::DataError;
using data::ErrorCode;

struct NamedPoints {
    std::vector<std::string> ids;
    std::vector<data::RoutePoint> points;
};

// POINTS.csv: a header naming the columns id, lon, lat (any order, other
// columns ignored), then one point per row; UTF-8 or CP932.
NamedPoints read_points_file(const Context& ctx, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(ErrorCode::io, "cannot read the points file '" + path + "'");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string text = text::decode_to_utf8(bytes);
    text::CsvReader reader(text);
    const auto header = reader.next();
    if (!header)
        throw DataError(ErrorCode::invalid_input,
                        path + ": empty file; expected a header id,lon,lat");
    int col_id = -1, col_lon = -1, col_lat = -1;
    for (std::size_t i = 0; i < header->fields.size(); ++i) {
        const std::string name(text::trim(header->fields[i]));
        if (name == "id") col_id = static_cast<int>(i);
        if (name == "lon") col_lon = static_cast<int>(i);
        if (name == "lat") col_lat = static_cast<int>(i);
    }
    if (col_id < 0 || col_lon < 0 || col_lat < 0)
        throw DataError(ErrorCode::invalid_input,
                        path + ":" + std::to_string(header->line) +
                            ": the header must name the columns id, lon and lat (degrees, "
                            "EPSG:4326)");
    NamedPoints out;
    while (auto row = reader.next()) {
        const auto field = [&](int c) {
            return static_cast<std::size_t>(c) < row->fields.size()
                       ? std::string(text::trim(row->fields[static_cast<std::size_t>(c)]))
                       : std::string();
        };
        const std::string where = path + ":" + std::to_string(row->line);
        const std::string id = field(col_id);
        if (id.empty()) throw DataError(ErrorCode::invalid_input, where + ": column id is empty");
        const auto p = parse_lonlat_text(field(col_lon) + "," + field(col_lat));
        if (!p)
            throw DataError(ErrorCode::invalid_input,
                            where + ": columns lon/lat ('" + field(col_lon) + "', '" +
                                field(col_lat) +
                                "') are not degrees; write e.g. 139.7110 and 35.7300");
        out.ids.push_back(id);
        out.points.push_back({*p, ctx.tr("{0} {1} 行目 (id {2})", "{0} line {1} (id {2})",
                                         {path, std::to_string(row->line), id})});
    }
    if (out.points.empty())
        throw DataError(ErrorCode::invalid_input, path + ": no points below the header");
    return out;
}

NamedPoints located_persons(const Context& ctx, data::Store& store) {
    data::PersonFilter filter;
    filter.status = data::PersonStatus::active;
    NamedPoints out;
    for (const auto& p : store.registry().persons(filter))
        if (p.location) {
            out.ids.push_back(p.external_id);
            out.points.push_back(
                {*p.location, ctx.tr("登録者 {0}", "person {0}", {p.external_id})});
        }
    return out;
}

NamedPoints located_facilities(const Context& ctx, data::Store& store, const std::string& kind) {
    data::FacilityFilter filter;
    if (kind != "all") {
        filter.kind = data::parse_enum<data::FacilityKind>(kind);
        if (!filter.kind)
            throw UsageError{ctx.tr("不明な施設種別 '{0}'", "unknown facility kind '{0}'", {kind})};
    }
    NamedPoints out;
    for (const auto& f : store.facilities().facilities(filter))
        if (f.location) {
            out.ids.push_back(f.external_id);
            out.points.push_back(
                {*f.location, ctx.tr("施設 {0}", "facility {0}", {f.external_id})});
        }
    return out;
}

int run_matrix(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    if (args.has("from-file") == args.has("persons"))
        throw UsageError{
            ctx.tr("出発地を --from-file POINTS.csv か --persons のどちらかで指定してください",
                   "give the origins with exactly one of --from-file POINTS.csv or --persons")};
    if (args.has("to-file") == args.has("facilities"))
        throw UsageError{ctx.tr(
            "目的地を --to-file POINTS.csv か --facilities KIND|all のどちらかで指定してください",
            "give the destinations with exactly one of --to-file POINTS.csv or --facilities "
            "KIND|all")};

    auto store = ctx.open_store();
    const NamedPoints rows = args.has("persons") ? located_persons(ctx, *store)
                                                 : read_points_file(ctx, *args.get("from-file"));
    const NamedPoints cols = args.has("facilities")
                                 ? located_facilities(ctx, *store, *args.get("facilities"))
                                 : read_points_file(ctx, *args.get("to-file"));
    auto service = open_routing(ctx, *store, args);
    const std::string profile = chosen_profile(ctx, *service, args);
    const auto outcome = service->matrix(rows.points, cols.points, profile);
    if (!outcome.ok()) return report_snap_failure(ctx, outcome.failure());
    const data::TravelMatrix& m = outcome.value();

    // Long form: one line per pair, so spreadsheets and GIS joins read it directly.
    std::ostringstream csv;
    csv << "from,to,time_s,reachable\r\n";
    std::size_t unreachable = 0;
    for (std::size_t i = 0; i < m.rows; ++i)
        for (std::size_t j = 0; j < m.cols; ++j) {
            const auto t = m.at(i, j);
            csv << text::csv_escape(rows.ids[i]) << ',' << text::csv_escape(cols.ids[j]) << ',';
            if (t == geo::road::infinite_weight) {
                csv << ",0\r\n";
                ++unreachable;
            } else {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(t) / 1000.0);
                csv << buf << ",1\r\n";
            }
        }
    if (auto path = args.get("out")) {
        write_text_file(*path, csv.str());
        *ctx.out << ctx.tr(
            "{0} × {1} の所要時間表 ({2}) を {3} に書き出しました (到達不能 {4} 組)\n",
            "wrote the {0} × {1} travel-time matrix ({2}) to {3} ({4} pairs unreachable)\n",
            {std::to_string(m.rows), std::to_string(m.cols), profile, *path,
             std::to_string(unreachable)});
    } else {
        *ctx.out << csv.str();
    }
    return exit_ok;
}

} // namespace

VerbSpec make_matrix_verb() {
    std::vector<OptionSpec> options = {
        {"from-file", true, "opt.matrix.from_file"},
        {"persons", false, "opt.matrix.persons"},
        {"to-file", true, "opt.matrix.to_file"},
        {"facilities", true, "opt.matrix.facilities"},
        {"out", true, "opt.matrix.out"},
    };
    for (auto& o : profile_options())
        options.push_back(o);
    return {"matrix",
            "matrix --from-file POINTS.csv|--persons --to-file POINTS.csv|--facilities KIND|all "
            "[--profile car|walk] [--out CSV]",
            "verb.matrix", std::move(options), run_matrix};
}

} // namespace breathline::cli
