// `supporters add|import|list`: the supporters who carry and accompany a person (family,
// neighbours, 民生委員, 町会, visiting nurses, ward staff), with their home, travel mode,
// availability windows and the persons they are linked to. Names are masked in lists unless
// --include-personal is given.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/labels.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/dispatch/team_selection.h"
#include "data/error.h"
#include "data/geocode/town_geocoder.h"
#include "data/io/value_parsers.h"
#include "data/text/address.h"

#include <map>
#include <optional>
#include <ostream>

namespace breathline::cli {

namespace {

std::string mode_text(const Context& ctx, data::TravelMode m) {
    return m == data::TravelMode::car ? ctx.tr("車", "car") : ctx.tr("徒歩", "walk");
}

// A value parser's refusal as a usage error naming the option and the value.
template <typename T>
T parsed_or_throw(const Context& ctx, const std::string& option, const std::string& value,
                  const data::ValueResult<T>& r) {
    if (r.value) return *r.value;
    throw UsageError{
        ctx.tr("--{0} '{1}': {2}", "--{0} '{1}': {3}", {option, value, r.reason_ja, r.reason_en})};
}

int supporters_add(Context& ctx, const Args& args) {
    if (args.positional.size() > 1) throw UsageError{ctx.t("err.extra_arg", {args.positional[1]})};
    const auto id = args.get("id");
    const auto name = args.get("name");
    if (!id || data::is_blank(*id) || !name || data::is_blank(*name))
        throw UsageError{ctx.tr("--id 支援者番号 と --name 氏名 を指定してください",
                                "give --id SUPPORTER_NO and --name NAME")};
    const bool has_lonlat = args.has("lon") || args.has("lat");
    if (has_lonlat && !(args.has("lon") && args.has("lat")))
        throw UsageError{
            ctx.tr("--lon と --lat は両方指定してください", "give both --lon and --lat")};

    auto store = ctx.open_store();
    data::Supporter s = store->registry()
                            .supporter_by_external_id(data::fold_cell(*id))
                            .value_or(data::Supporter{});
    const bool existed = s.id != 0;
    s.external_id = data::fold_cell(*id);
    s.name = data::fold_cell(*name);
    if (auto v = args.get("kana")) s.name_kana = *v;
    if (auto v = args.get("kind"))
        s.kind = parsed_or_throw(ctx, "kind", *v, data::parse_supporter_kind_value(*v));
    if (auto v = args.get("mode"))
        s.travel_mode = parsed_or_throw(ctx, "mode", *v, data::parse_travel_mode_value(*v));
    if (auto v = args.get("availability")) s.availability = *v;
    if (auto v = args.get("phone")) s.phone = *v;
    if (auto v = args.get("notes")) s.notes = *v;
    if (auto v = args.get("address")) s.address = *v;
    if (has_lonlat) {
        const auto ll =
            parsed_or_throw(ctx, "lon/--lat", *args.get("lon") + "," + *args.get("lat"),
                            data::parse_lon_lat_value(*args.get("lon"), *args.get("lat")));
        s.location = geo::LonLat{ll.first, ll.second};
        s.geocode_precision = data::GeocodePrecision::manual;
    } else if (args.has("address")) {
        // Town-level geocoding, as an import does for a row without coordinates.
        s.location.reset();
        s.geocode_precision = data::GeocodePrecision::unresolved;
        const auto table =
            ctx.data_dir / "real" / "geocoding" / "geolonia_machi_13116_toshima.json";
        std::error_code ec;
        const auto address = text::normalize_address(s.address);
        if (address && std::filesystem::exists(table, ec)) {
            const auto geocoder = data::TownGeocoder::load(table);
            if (auto point = geocoder.locate_town(address.value().town_key())) {
                s.location = *point;
                s.geocode_precision = data::GeocodePrecision::town;
            }
        }
        if (!s.location)
            *ctx.err << ctx.tr("注意: 住所 '{0}' の町丁目が見つからないため位置は未確定です "
                               "(--lon --lat で指定できます)\n",
                               "note: no town found for the address '{0}'; the location stays "
                               "unresolved (give --lon --lat)\n",
                               {s.address});
    } else if (!existed) {
        throw UsageError{ctx.tr("--address 住所 または --lon 経度 --lat 緯度 を指定してください",
                                "give --address ADDRESS or --lon LON --lat LAT")};
    }

    std::optional<data::Person> person;
    if (auto link = args.get("link")) {
        person = store->registry().person_by_external_id(data::fold_cell(*link));
        if (!person) {
            *ctx.err << ctx.tr("登録者 '{0}' は見つかりません (何も変更していません)\n",
                               "no person '{0}' (nothing was changed)\n", {*link});
            return exit_findings;
        }
    }
    int priority = 0;
    if (auto p = args.get("priority"))
        priority = static_cast<int>(parse_count(ctx, "priority", *p));
    // The supporter and its link go in together or not at all.
    auto work = store->begin();
    const auto result = store->registry().upsert_supporter(s);
    if (person)
        store->registry().link_supporter(
            {person->id, result.id, args.get("role").value_or(""), priority});
    work->commit();

    *ctx.out << (result.created
                     ? ctx.tr("支援者 {0} を登録しました", "added supporter {0}", {s.external_id})
                 : result.changed
                     ? ctx.tr("支援者 {0} を更新しました", "updated supporter {0}", {s.external_id})
                     : ctx.tr("支援者 {0} は変更なし", "supporter {0} unchanged", {s.external_id}))
             << ctx.tr(" (位置: {0})", " (location: {0})",
                       {std::string(data::to_db(s.geocode_precision))})
             << (person ? ctx.tr("、{0} に割り当て", ", linked to {0}", {person->external_id}) : "")
             << "\n";
    if (!s.availability.empty() && data::dispatch::parse_availability(s.availability).kind ==
                                       data::dispatch::Availability::Kind::unknown)
        *ctx.out << ctx.tr(
            "注意: 対応可能時間 '{0}' は読み取れないため、常に対応可能として扱います "
            "(書式は supporters --help)\n",
            "note: the availability '{0}' is not understood and counts as always "
            "available (syntax: supporters --help)\n",
            {s.availability});
    return exit_ok;
}

int supporters_import(Context& ctx, const Args& args) {
    if (args.positional.size() < 2) throw UsageError{ctx.t("err.missing_arg", {"FILE"})};
    // The import verb does the work (one transaction, errors naming file, line and column),
    // so both spellings behave and report identically.
    Args import = args;
    import.verb = "import";
    import.positional = {"supporters"};
    import.positional.insert(import.positional.end(), args.positional.begin() + 1,
                             args.positional.end());
    for (const auto& v : verbs())
        if (v.name == "import") return v.run(ctx, import);
    return exit_internal;
}

int supporters_list(Context& ctx, const Args& args) {
    if (args.positional.size() > 1) throw UsageError{ctx.t("err.extra_arg", {args.positional[1]})};
    auto store = ctx.open_store();
    const bool personal = ctx.shows_personal(args); // masked for roles without see_personal
    std::vector<data::Supporter> supporters = store->registry().supporters();
    // Links per supporter: the persons' registry numbers.
    std::map<data::RowId, std::vector<std::string>> linked;
    std::optional<data::Person> only;
    if (auto p = args.get("person")) {
        only = store->registry().person_by_external_id(*p);
        if (!only) {
            *ctx.err << ctx.tr("登録者 '{0}' は見つかりません\n", "no person '{0}'\n", {*p});
            return exit_findings;
        }
    }
    for (const auto& person : store->registry().persons({}))
        for (const auto& l : store->registry().supporter_links(person.id))
            if (!only || only->id == person.id)
                linked[l.supporter_id].push_back(person.external_id);
    if (only)
        std::erase_if(supporters, [&](const data::Supporter& s) { return !linked.count(s.id); });
    const auto now = now_of(ctx);

    auto& out = *ctx.out;
    out << pad(ctx.tr("支援者番号", "supporter no"), 13) << pad(ctx.tr("氏名", "name"), 20)
        << pad(ctx.tr("区分", "kind"), 16) << pad(ctx.tr("手段", "mode"), 7)
        << pad(ctx.tr("いま", "now"), 7) << pad(ctx.tr("位置", "location"), 11)
        << pad(ctx.tr("対応可能時間", "availability"), 34) << ctx.tr("支援対象者", "persons")
        << "\n";
    for (const auto& s : supporters) {
        const auto a = data::dispatch::parse_availability(s.availability);
        const bool understood = a.kind == data::dispatch::Availability::Kind::windows;
        const std::string now_text =
            !s.active ? ctx.tr("無効", "inactive")
            : data::dispatch::available_at(a, now)
                ? (understood ? ctx.tr("可", "yes") : ctx.tr("可?", "yes?"))
                : ctx.tr("不可", "no");
        std::string persons;
        for (const auto& p : linked[s.id])
            persons += (persons.empty() ? "" : ",") + p;
        out << pad(s.external_id, 13) << pad(personal ? s.name : masked(s.external_id), 20)
            << pad(supporter_kind_text(ctx, s.kind), 16) << pad(mode_text(ctx, s.travel_mode), 7)
            << pad(now_text, 7) << pad(std::string(data::to_db(s.geocode_precision)), 11)
            << pad(s.availability.empty() ? "-" : s.availability, 34) << persons << "\n";
    }
    out << ctx.tr("{0} 人 (いま: {1} 時点、可? は対応可能時間が読み取れず対応可能とみなしたもの)\n",
                  "{0} supporters (now: {1}; yes? = availability not understood, counted as "
                  "available)\n",
                  {std::to_string(supporters.size()), data::ops::format_time_jst(now)});
    return exit_ok;
}

int run_supporters(Context& ctx, const Args& args) {
    if (args.positional.empty()) throw UsageError{ctx.t("err.missing_arg", {"add|import|list"})};
    const std::string& sub = args.positional.front();
    if (sub == "add") return supporters_add(ctx, args);
    if (sub == "import") return supporters_import(ctx, args);
    if (sub == "list") return supporters_list(ctx, args);
    throw UsageError{ctx.t("err.extra_arg", {sub})};
}

} // namespace

VerbSpec make_supporters_verb() {
    return {"supporters",
            "supporters add --id ID --name NAME --kind KIND (--address A | --lon X --lat Y) "
            "[--mode walk|car] [--availability TEXT] [--phone P] [--link PERSON_ID] | "
            "supporters import FILE | supporters list [--person ID] [--include-personal]",
            "verb.supporters",
            {{"id", true, "opt.supporters.id"},
             {"name", true, "opt.supporters.name"},
             {"kana", true, "opt.supporters.kana"},
             {"kind", true, "opt.supporters.kind"},
             {"address", true, "opt.supporters.address"},
             {"lon", true, "opt.supporters.lon"},
             {"lat", true, "opt.supporters.lat"},
             {"mode", true, "opt.supporters.mode"},
             {"availability", true, "opt.supporters.availability"},
             {"phone", true, "opt.supporters.phone"},
             {"notes", true, "opt.supporters.notes"},
             {"link", true, "opt.supporters.link"},
             {"role", true, "opt.supporters.role"},
             {"priority", true, "opt.supporters.priority"},
             {"person", true, "opt.supporters.person"},
             {"include-personal", false, "opt.include_personal"},
             {"layer", true, "opt.import.layer"},
             {"skip-invalid", false, "opt.import.skip_invalid"},
             {"rejects", true, "opt.import.rejects"},
             {"geocoder", true, "opt.import.geocoder"}},
            run_supporters};
}

} // namespace breathline::cli
