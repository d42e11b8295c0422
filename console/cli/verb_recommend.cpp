// `recommend`: where a person should go (hospital or rescue centre by road travel time), and
// the coordinator's confirmation or override, recorded and audited.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/drill/drill_engine.h"
#include "data/ops/recommend.h"

#include <ostream>

namespace breathline::cli {

namespace {

std::string kind_label(const Context& ctx, data::FacilityKind kind) {
    return std::string(ctx.lang == Lang::ja ? data::label_ja(kind) : data::label_en(kind));
}

std::string skip_label(const Context& ctx, data::ops::SkipReason r) {
    using R = data::ops::SkipReason;
    switch (r) {
    case R::closed:
        return ctx.tr("閉鎖", "closed");
    case R::damaged:
        return ctx.tr("被災", "damaged");
    case R::full:
        return ctx.tr("満員", "full");
    case R::at_capacity:
        return ctx.tr("収容者数が収容人数に達している", "occupancy at capacity");
    case R::unlocated:
        return ctx.tr("位置未登録", "no location");
    case R::unsnapped:
        return ctx.tr("道路から遠い", "too far from any road");
    case R::unreachable:
        return ctx.tr("通れる道がない", "no open road leads there");
    }
    return "?";
}

std::string judgement_label(const Context& ctx, data::Judgement j) {
    switch (j) {
    case data::Judgement::stay_home:
        return ctx.tr("在宅継続", "stay home");
    case data::Judgement::hospitalise:
        return ctx.tr("入院", "hospitalise");
    case data::Judgement::evacuate:
        return ctx.tr("避難", "evacuate");
    }
    return "?";
}

// Routes of the options as a GeoJSON FeatureCollection for the map.
std::string routes_geojson(const data::ops::Recommendation& rec) {
    std::string s = "{\"type\":\"FeatureCollection\",\"features\":[";
    for (std::size_t i = 0; i < rec.options.size(); ++i) {
        const auto& o = rec.options[i];
        if (i) s += ",";
        s += "{\"type\":\"Feature\",\"properties\":{\"rank\":" + std::to_string(i + 1) +
             ",\"facility\":" + json_string(o.facility.external_id) +
             ",\"tier\":" + std::to_string(o.tier) +
             ",\"time_s\":" + std::to_string(static_cast<double>(o.time_ms) / 1000.0) +
             ",\"road_distance_m\":" + std::to_string(o.road_distance_m) +
             "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":" +
             geojson_positions(o.route) + "}}";
    }
    return s + "]}\n";
}

int run_recommend(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const auto person_id = args.get("person");
    if (!person_id || person_id->empty())
        throw UsageError{ctx.tr("--person ID を指定してください", "give --person ID")};
    std::optional<data::Judgement> judgement;
    if (auto j = args.get("judgement")) {
        judgement = data::parse_judgement(*j);
        if (!judgement || *judgement == data::Judgement::stay_home)
            throw UsageError{ctx.tr("--judgement は hospitalise (入院) か evacuate (避難) です "
                                    "('{0}' は不可)",
                                    "--judgement takes hospitalise or evacuate, not '{0}'", {*j})};
    }
    if (args.has("confirm") && args.has("override"))
        throw UsageError{ctx.tr("--confirm と --override は同時に指定できません",
                                "--confirm and --override exclude each other")};
    std::size_t confirm = 0;
    if (auto c = args.get("confirm")) confirm = parse_count(ctx, "confirm", *c);
    std::size_t alternatives = 3;
    if (auto a = args.get("alternatives")) alternatives = parse_count(ctx, "alternatives", *a);
    const auto override_id = args.get("override");
    const std::string reason = args.get("reason").value_or("");
    if (override_id && reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw UsageError{ctx.tr("推奨と異なる搬送先には --reason 理由 が必要です (監査ログに記録)",
                                "an override needs --reason TEXT (it goes into the audit log)")};

    auto store = ctx.open_store();
    const auto person = store->registry().person_by_external_id(*person_id);
    if (!person) {
        *ctx.err << ctx.tr("登録者 '{0}' は見つかりません\n", "no person '{0}'\n", {*person_id});
        return exit_findings;
    }
    // The latest safety check of the active incident gives the judgement and
    // the state the severity rule reads.
    std::optional<data::SafetyCheck> latest;
    const auto incident = store->incidents().active_incident();
    if (incident) latest = store->incidents().latest_check(incident->id, person->id);
    if (!judgement && latest) judgement = latest->judgement;
    if (!judgement) {
        *ctx.err << ctx.tr("判断がありません: 安否確認 (check record) で判断を記録するか "
                           "--judgement hospitalise|evacuate を指定してください\n",
                           "no judgement: record a safety check with one (check record) or give "
                           "--judgement hospitalise|evacuate\n");
        return exit_findings;
    }

    auto routing = open_routing(ctx, *store, args);
    data::ops::RecommendOptions options;
    options.profile = chosen_profile(ctx, *routing, args);
    options.max_options = alternatives;
    if (incident && incident->is_drill)
        options.facility_overrides = data::drill::drill_facilities(*store, incident->id);
    const auto rec = data::ops::recommend_destination(*store, *routing, *person, *judgement,
                                                      latest ? &*latest : nullptr, options);
    auto& out = *ctx.out;
    out << ctx.tr("登録者 {0}: 判断 {1}", "person {0}: judgement {1}",
                  {person->external_id, judgement_label(ctx, *judgement)});
    if (rec.severity)
        out << ctx.tr(
            " / {0} ({1})", " / {0} ({1})",
            {rec.severity->severity == data::ops::Severity::severe
                 ? ctx.tr("重症: 災害拠点病院", "severe: disaster base hospital")
                 : ctx.tr("中等症: 災害拠点連携病院等", "moderate: disaster cooperating hospitals"),
             ctx.lang == Lang::ja ? rec.severity->reason_ja : rec.severity->reason_en});
    if (*judgement == data::Judgement::evacuate)
        out << (rec.welfare_first ? ctx.tr(" / 障害あり: 福祉救援センターを優先",
                                           " / disability: welfare rescue centres first")
                                  : "");
    out << "\n";
    switch (rec.status) {
    case data::ops::RecommendStatus::no_location:
        *ctx.err << ctx.tr("登録者 '{0}' の位置が未登録です\n", "person '{0}' has no location\n",
                           {person->external_id});
        return exit_findings;
    case data::ops::RecommendStatus::home_unsnapped:
        *ctx.err << ctx.tr("自宅の近くに通れる道路がありません ({0})\n",
                           "no usable road near the home ({0})\n", {rec.profile});
        return exit_findings;
    default:
        break;
    }
    out << "    " << pad(ctx.tr("所要時間", "time"), 14) << pad(ctx.tr("道路距離", "road"), 10)
        << pad(ctx.tr("順位", "tier"), 10) << pad(ctx.tr("種別", "kind"), 34)
        << pad(ctx.tr("名称", "name"), 30) << "ID\n";
    for (std::size_t i = 0; i < rec.options.size(); ++i) {
        const auto& o = rec.options[i];
        out << i + 1 << ". " << pad(format_duration(ctx, o.time_ms), 14)
            << pad(format_distance(o.road_distance_m), 10)
            << pad(o.tier == 1 ? ctx.tr("第1", "1st") : ctx.tr("代替", "fallback"), 10)
            << pad(kind_label(ctx, o.facility.kind), 34) << pad(o.facility.name, 30)
            << o.facility.external_id << (o.approximate ? ctx.tr(" (概算)", " (approximate)") : "")
            << "\n";
    }
    for (const auto& s : rec.skipped)
        out << ctx.tr("  除外: {0} ({1})\n", "  left out: {0} ({1})\n",
                      {s.external_id, skip_label(ctx, s.reason)});
    if (auto path = args.get("geojson")) write_text_file(*path, routes_geojson(rec));

    if (!confirm && !override_id) {
        if (rec.options.empty()) {
            out << ctx.tr("受け入れ可能な施設がありません\n", "no facility can take the person\n");
            return exit_findings;
        }
        out << ctx.tr("確定: --confirm 番号 / 変更: --override 施設ID --reason 理由\n",
                      "confirm: --confirm N / override: --override FACILITY --reason TEXT\n");
        return exit_ok;
    }

    const std::optional<data::RowId> incident_id =
        incident ? std::optional<data::RowId>(incident->id) : std::nullopt;
    data::ops::DestinationDecision d;
    if (confirm) {
        if (confirm > rec.options.size()) {
            *ctx.err << ctx.tr("--confirm {0}: 候補は {1} 件です\n",
                               "--confirm {0}: there are {1} options\n",
                               {std::to_string(confirm), std::to_string(rec.options.size())});
            return exit_findings;
        }
        d = data::ops::confirm_decision(rec, person->id, incident_id, confirm - 1);
        d.reason = reason; // optional with a confirmation, kept when given
    } else {
        const auto f = store->facilities().facility_by_external_id(*override_id);
        if (!f) {
            *ctx.err << ctx.tr("施設 '{0}' は見つかりません\n", "no facility '{0}'\n",
                               {*override_id});
            return exit_findings;
        }
        d = data::ops::override_decision(rec, *person, incident_id, *f, reason, *routing);
        if (!data::ops::facility_accepts(*f))
            out << ctx.tr("注意: {0} は現在 {1} です\n", "warning: {0} is {1}\n",
                          {f->external_id, std::string(data::to_db(f->status))});
    }
    d.decided_at = data::ops::format_time(now_of(ctx));
    const auto id = data::ops::decision_store(*store)->record(d);
    const auto chosen = store->facilities().facility(d.chosen_facility_id);
    out << (d.overridden
                ? ctx.tr("搬送先を変更して記録しました: {0} (決定 #{1}、理由は監査ログに記録)\n",
                         "override recorded: {0} (decision #{1}; the reason is in the audit "
                         "log)\n",
                         {chosen ? chosen->external_id : "?", std::to_string(id)})
                : ctx.tr("搬送先を確定しました: {0} (決定 #{1})\n",
                         "destination confirmed: {0} (decision #{1})\n",
                         {chosen ? chosen->external_id : "?", std::to_string(id)}));
    return exit_ok;
}

} // namespace

VerbSpec make_recommend_verb() {
    std::vector<OptionSpec> options = {{"person", true, "opt.recommend.person"},
                                       {"judgement", true, "opt.recommend.judgement"},
                                       {"alternatives", true, "opt.recommend.alternatives"},
                                       {"confirm", true, "opt.recommend.confirm"},
                                       {"override", true, "opt.recommend.override"},
                                       {"reason", true, "opt.recommend.reason"},
                                       {"geojson", true, "opt.recommend.geojson"}};
    for (auto& o : profile_options())
        options.push_back(o);
    return {"recommend",
            "recommend --person ID [--judgement hospitalise|evacuate] [--profile car|walk] "
            "[--confirm N | --override FACILITY --reason TEXT]",
            "verb.recommend", std::move(options), run_recommend};
}

} // namespace breathline::cli
