// The support-plan cycle on the command line (issue 7): `plan create|advance|show|due|print`,
// `evaluate record|list`, `invoice --quarter Q --station S`, and `print map|forms`. Registry
// numbers on screen, never names; papers name persons only at the privacy level asked for.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "console/map/paper_map.h"
#include "console/map/scene_builder.h"
#include "data/error.h"
#include "data/ops/destination.h"
#include "data/plans/plan_store.h"
#include "data/reports/medical_notice.h"
#include "data/reports/plan_papers.h"
#include "data/roads/routing_service.h"
#include "geo/projection.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>

namespace breathline::cli {

namespace {

namespace plans = data::plans;
namespace reports = data::reports;
namespace ops = data::ops;

std::string step_text(const Context& ctx, plans::PlanStep s) {
    return std::string(ctx.lang == Lang::ja ? plans::label_ja(s) : plans::label_en(s));
}
std::string state_text(const Context& ctx, plans::PlanState s) {
    return std::string(ctx.lang == Lang::ja ? plans::label_ja(s) : plans::label_en(s));
}
std::string time_text(const std::string& iso) {
    const auto t = ops::parse_time(iso);
    return t ? ops::format_time_jst(*t) : iso;
}

data::Person person_of(data::Store& store, const std::string& id) {
    auto p = store.registry().person_by_external_id(id);
    if (!p) throw data::DataError(data::ErrorCode::not_found, "--person: no person " + id);
    return *p;
}

data::RowId plan_id_arg(const Context& ctx, const Args& args, std::size_t index) {
    if (args.positional.size() <= index) throw UsageError{ctx.t("err.missing_arg", {"ID"})};
    return static_cast<data::RowId>(parse_count(ctx, "ID", args.positional[index]));
}

// Content fields given as positional `field=text` words (after the subcommand and plan id).
constexpr std::pair<std::string_view, std::string plans::PlanContent::*> k_fields[] = {
    {"safety_check", &plans::PlanContent::safety_check_method},
    {"contacts", &plans::PlanContent::contact_list},
    {"supplies", &plans::PlanContent::supplies},
    {"outage", &plans::PlanContent::outage_procedure},
    {"hazards", &plans::PlanContent::hazard_procedures},
    {"ventilator", &plans::PlanContent::ventilator_info},
    {"other", &plans::PlanContent::other_items},
};

void apply_fields(const Context& ctx, const Args& args, std::size_t from, plans::PlanContent& c) {
    for (std::size_t i = from; i < args.positional.size(); ++i) {
        const auto& w = args.positional[i];
        const auto eq = w.find('=');
        bool known = false;
        if (eq != std::string::npos)
            for (const auto& [name, member] : k_fields)
                if (w.compare(0, eq, name) == 0) {
                    c.*member = w.substr(eq + 1);
                    known = true;
                }
        if (!known)
            throw UsageError{ctx.tr("'{0}' は計画の項目ではありません (safety_check, contacts, "
                                    "supplies, outage, hazards, ventilator, other = 内容)",
                                    "'{0}' is not a plan field (safety_check, contacts, supplies, "
                                    "outage, hazards, ventilator, other = text)",
                                    {w})};
    }
}

void print_plan(const Context& ctx, data::Store& store, plans::PlanStore& ps,
                const plans::SupportPlan& p, bool details) {
    auto& out = *ctx.out;
    const auto person = store.registry().person(p.person_id);
    out << "#" << p.id << "  " << pad(person ? person->external_id : "?", 12)
        << pad(state_text(ctx, p.state), 18)
        << pad(p.nurse_station.empty() ? "-" : p.nurse_station, 18)
        << ctx.tr("次回見直し ", "review due ") << p.next_review_due.value_or("-") << "\n";
    if (!details) return;
    for (const auto& s : ps.steps(p.id))
        out << "    " << pad(time_text(s.at), 22) << pad(step_text(ctx, s.step), 34)
            << pad(s.actor, 14) << s.document_ref << (s.notes.empty() ? "" : "  " + s.notes)
            << "\n";
    const auto versions = ps.versions(p.id);
    for (const auto& v : versions)
        out << "    " << ctx.tr("第{0}版", "version {0}", {std::to_string(v.version_no)}) << " ("
            << (v.update ? ctx.tr("更新", "update") : ctx.tr("新規", "new")) << ") "
            << time_text(v.created_at) << " " << v.author << "\n";
    if (!versions.empty()) {
        const auto& c = versions.back().content;
        for (const auto& [name, member] : k_fields) {
            std::string text = c.*member;
            std::replace(text.begin(), text.end(), '\n', ' ');
            if (text.size() > 90) {
                // Cut on a UTF-8 character boundary, never inside a character.
                std::size_t cut = 87;
                while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                    --cut;
                text = text.substr(0, cut) + "...";
            }
            out << "      " << pad(std::string(name), 14) << text << "\n";
        }
    }
    const auto evs = ps.evaluations(p.id);
    if (!evs.empty()) {
        const auto fu = plans::follow_ups(evs.back());
        out << "    "
            << ctx.tr("最新の評価 (第8号) {0}: 要対応 {1} 件",
                      "latest evaluation (form 8) {0}: {1} to follow up",
                      {time_text(evs.back().evaluated_at), std::to_string(fu.size())})
            << "\n";
    }
}

int plan_create(Context& ctx, const Args& args) {
    const auto person_id = args.get("person");
    if (!person_id) throw UsageError{ctx.tr("--person を指定してください", "give --person")};
    auto store = ctx.open_store();
    const auto person = person_of(*store, *person_id);
    auto ps = plans::plan_store(*store);
    const auto at = ops::format_time(time_option(ctx, args, "at", now_of(ctx)));
    const auto id = ps->create_plan(person.id, at, args.get("document").value_or(""),
                                    args.get("notes").value_or(""));
    *ctx.out << ctx.tr("計画 #{0} を第3号 申請で開始しました (登録者 {1})\n",
                       "plan #{0} opened at the form 3 application (person {1})\n",
                       {std::to_string(id), *person_id});
    return exit_ok;
}

int plan_advance(Context& ctx, const Args& args) {
    const auto id = plan_id_arg(ctx, args, 1);
    const auto step_arg = args.get("step");
    if (!step_arg) throw UsageError{ctx.tr("--step で段階を指定してください", "give --step STEP")};
    auto store = ctx.open_store();
    auto ps = plans::plan_store(*store);
    const auto at = ops::format_time(time_option(ctx, args, "at", now_of(ctx)));
    if (*step_arg == "withdraw" || *step_arg == "withdrawn") {
        const auto p = ps->withdraw(id, at, args.get("notes").value_or(""));
        print_plan(ctx, *store, *ps, p, false);
        return exit_ok;
    }
    const auto step = plans::parse_plan_step(*step_arg);
    if (!step)
        throw UsageError{
            ctx.tr("--step '{0}' は段階ではありません (decision_notice, nurse_request, "
                   "plan, update, invoice, evaluation, withdraw)",
                   "--step '{0}' is not a step (decision_notice, nurse_request, "
                   "plan, update, invoice, evaluation, withdraw)",
                   {*step_arg})};
    if (*step == plans::PlanStep::evaluation)
        throw UsageError{ctx.tr("評価は evaluate record で記録します",
                                "record an evaluation with `evaluate record`")};
    plans::PlanAdvance a;
    a.plan_id = id;
    a.step = *step;
    a.at = at;
    a.document_ref = args.get("document").value_or("");
    a.notes = args.get("notes").value_or("");
    if (auto s = args.get("station")) a.nurse_station = *s;
    if (*step == plans::PlanStep::plan || *step == plans::PlanStep::update) {
        // Start from the previous version (an update) or a draft from the registry.
        const auto current = ps->plan(id);
        if (!current)
            throw data::DataError(data::ErrorCode::not_found,
                                  "plan " + std::to_string(id) + " does not exist");
        const auto versions = ps->versions(id);
        plans::PlanContent c;
        if (!versions.empty())
            c = versions.back().content;
        else if (const auto person = store->registry().person(current->person_id))
            c = plans::draft_from_registry(*person);
        apply_fields(ctx, args, 2, c);
        a.content = c;
    } else if (args.positional.size() > 2) {
        throw UsageError{ctx.t("err.extra_arg", {args.positional[2]})};
    }
    const auto p = ps->advance(a);
    *ctx.out << ctx.tr("計画 #{0}: {1}\n", "plan #{0}: {1}\n",
                       {std::to_string(p.id), step_text(ctx, *step)});
    print_plan(ctx, *store, *ps, p, false);
    return exit_ok;
}

int plan_due(Context& ctx, const Args& args) {
    const int within = args.get("within") ? parse_count(ctx, "within", *args.get("within")) : 30;
    auto store = ctx.open_store();
    auto ps = plans::plan_store(*store);
    const std::string today = plans::jst_date(now_of(ctx));
    const auto list = plans::due_list(ps->plans(), store->registry().persons(), today, within);
    auto& out = *ctx.out;
    out << ctx.tr("見直し期限一覧 ({0} 現在、{1} 日以内)\n", "plans due ({0}, within {1} days)\n",
                  {today, std::to_string(within)});
    for (const auto& e : list) {
        std::string kind;
        if (e.kind == plans::DueKind::overdue)
            kind = ctx.tr("期限超過 {0} 日", "overdue by {0} days", {std::to_string(-e.days)});
        else if (e.kind == plans::DueKind::due)
            kind = ctx.tr("あと {0} 日", "due in {0} days", {std::to_string(e.days)});
        else
            kind = ctx.tr("計画なし", "no plan");
        out << pad(e.registry_number, 12) << pad(kind, 22)
            << (e.plan_id ? "#" + std::to_string(*e.plan_id) + "  " + e.review_due.value_or("")
                          : "")
            << "\n";
    }
    if (list.empty()) out << ctx.tr("対象はありません\n", "nothing due\n");
    return list.empty() ? exit_ok : exit_findings;
}

// --- maps on paper -----------------------------------------------------------------------------

std::map<std::string, data::Person> persons_by_number(data::Store& store) {
    std::map<std::string, data::Person> out;
    for (auto& p : store.registry().persons())
        out.emplace(p.external_id, p);
    return out;
}

int plan_print(Context& ctx, const Args& args) {
    const auto person_id = args.get("person");
    const auto out_path = args.get("out");
    if (!person_id || !out_path)
        throw UsageError{ctx.tr("--person と --out を指定してください", "give --person and --out")};
    const auto privacy = reports::parse_privacy(args.get("privacy").value_or("numbers"));
    if (!privacy)
        throw UsageError{ctx.tr("--privacy は full, initials, numbers のどれか",
                                "--privacy must be full, initials or numbers")};
    auto store = ctx.open_store();
    const auto person = person_of(*store, *person_id);
    map::Scene scene = map::build_scene(*store, {});
    const geo::PlaneProjector projector;
    map::PaperMapOptions mo;
    reports::PlanMapFacts facts;
    std::vector<std::string> notes;
    if (person.location) {
        const auto home = projector.to_plane(*person.location);
        mo.home = home;
        mo.home_label = ctx.tr("自宅", "home");
        mo.show_persons = false;
        mo.view = {home.x_east_m - 1500, home.y_north_m - 1000, home.x_east_m + 1500,
                   home.y_north_m + 1000};
        // The nearest rescue centres and welfare rescue centres by road, named on the page.
        std::unique_ptr<data::RoutingService> routing;
        try {
            routing = std::make_unique<data::RoutingService>(*store);
        } catch (const data::DataError&) {
            notes.push_back("道路網がないため経路は描けません / no road network: no route");
        }
        if (routing)
            for (auto kind :
                 {data::FacilityKind::rescue_centre, data::FacilityKind::welfare_rescue_centre}) {
                const auto near = routing->nearest_by_road({*person.location, person.external_id},
                                                           kind, 2, "walk");
                if (!near.ok()) continue;
                for (const auto& f : near.value().facilities) {
                    char buf[200];
                    // The straight distance: on the demo's arterial-only network the road
                    // distance between two side-street points can be 0 (both snap alike).
                    std::snprintf(buf, sizeof buf,
                                  "最寄りの%s: %s (徒歩 約 %.0f 分%s、直線 %.0f m)",
                                  std::string(data::label_ja(kind)).c_str(),
                                  f.facility.name.c_str(), static_cast<double>(f.time_ms) / 60000.0,
                                  f.approximate ? " (概算)" : "", f.straight_m);
                    facts.lines.push_back(buf);
                }
            }
        // The destination: the latest decision, else the nearest hospital by road.
        std::optional<data::Facility> target;
        if (auto d = data::ops::decision_store(*store)->latest(person.id))
            target = store->facilities().facility(d->chosen_facility_id);
        if (!target && routing) {
            for (auto kind : {data::FacilityKind::disaster_base_hospital,
                              data::FacilityKind::disaster_cooperating_hospital}) {
                const auto near = routing->nearest_by_road({*person.location, person.external_id},
                                                           kind, 1, "car");
                if (near.ok() && !near.value().facilities.empty()) {
                    target = near.value().facilities.front().facility;
                    break;
                }
            }
            if (!target)
                notes.push_back("病院の位置が未登録のため最寄り病院と経路は描けません "
                                "(施設は描けるものだけ描画) / "
                                "hospitals are unlocated: no route drawn");
        }
        if (target && target->location && routing) {
            const auto r = routing->route({*person.location, person.external_id},
                                          {*target->location, target->external_id}, "car");
            if (r.ok() && r.value().reachable) {
                for (const auto& ll : r.value().geometry) {
                    const auto xy = projector.to_plane(ll);
                    mo.route.push_back(xy);
                    mo.view.extend(xy.x_east_m, xy.y_north_m);
                }
                char buf[160];
                std::snprintf(buf, sizeof buf, "経路 (車): %s まで 約 %.0f 分、道路距離 %.1f km",
                              target->name.c_str(),
                              static_cast<double>(r.value().time_ms) / 60000.0,
                              r.value().road_distance_m / 1000.0);
                facts.lines.push_back(buf);
            } else {
                notes.push_back("経路が見つかりません (道路が閉鎖または未接続) / no open road");
            }
        } else if (target) {
            notes.push_back(target->name + " の位置が未登録のため経路は描けません");
        }
    } else {
        notes.push_back("自宅の位置が未登録のため地図は区全域です / the home is unlocated");
    }
    // Other persons are not labelled on one person's plan.
    const auto r = reports::write_plan_paper(
        *store, *person_id, *out_path, *privacy,
        [&](reports::PdfDocument& doc, const reports::PaperRect& rect) {
            auto drawn = map::draw_scene_on_paper(doc, scene, rect, mo);
            drawn.notes.insert(drawn.notes.end(), notes.begin(), notes.end());
            return drawn;
        },
        facts);
    *ctx.out << ctx.tr("計画を書き出しました: {0} ({1} ページ)\n",
                       "wrote the plan: {0} ({1} pages)\n",
                       {r.path.string(), std::to_string(r.pages)});
    for (const auto& n : r.notes)
        *ctx.out << "  ※ " << n << "\n";
    return exit_ok;
}

int print_map(Context& ctx, const Args& args) {
    const auto out_path = args.get("out");
    if (!out_path) throw UsageError{ctx.tr("--out を指定してください", "give --out FILE.pdf")};
    const auto privacy_arg = args.get("privacy");
    if (!privacy_arg)
        throw UsageError{ctx.tr("--privacy full|initials|numbers を指定してください (印刷時に選択)",
                                "give --privacy full|initials|numbers (chosen when printing)")};
    const auto privacy = reports::parse_privacy(*privacy_arg);
    if (!privacy)
        throw UsageError{ctx.tr("--privacy は full, initials, numbers のどれか",
                                "--privacy must be full, initials or numbers")};
    const std::string area = args.get("area").value_or("ward");
    const std::string paper = args.get("paper").value_or("A3");
    if (paper != "A3" && paper != "A4" && paper != "a3" && paper != "a4")
        throw UsageError{ctx.tr("--paper は A3 か A4", "--paper must be A3 or A4")};
    auto store = ctx.open_store();
    map::Scene scene = map::build_scene(*store, {});
    const geo::PlaneProjector projector;
    const auto people = persons_by_number(*store);
    map::PaperMapOptions mo;
    mo.view = scene.home;
    reports::VentilatorMapOptions vo;
    vo.privacy = *privacy;
    vo.a3 = paper == "A3" || paper == "a3";
    vo.date = plans::jst_date(now_of(ctx));
    const bool ward = area == "ward" || area == "豊島区";
    vo.area_title = ward ? "豊島区全域" : area;
    if (!ward) {
        map::PlaneBox box = map::PlaneBox::none();
        for (const auto& [id, p] : people)
            if (p.town == area && p.location) {
                const auto xy = projector.to_plane(*p.location);
                box.extend(xy.x_east_m, xy.y_north_m);
            }
        if (box.empty())
            throw data::DataError(data::ErrorCode::not_found,
                                  "--area: 町丁目 '" + area +
                                      "' に位置のある登録者がいません / no located person in " +
                                      area);
        mo.view = {box.min_x - 400, box.min_y - 400, box.max_x + 400, box.max_y + 400};
    }
    mo.person_label = [&](const map::FeatureRef& f) -> std::string {
        const auto it = people.find(f.external_id);
        if (it == people.end()) return "";
        if (!ward && it->second.town != area) return "";
        return reports::person_label(it->second, *privacy);
    };
    for (const auto& [id, p] : people) {
        if (!p.uses_ventilator && !p.home_oxygen) continue;
        if (!ward && p.town != area) continue;
        vo.person_list.push_back(reports::person_label(p, *privacy) + "  " +
                                 (p.town.empty() ? p.address : p.town) +
                                 (p.location ? "" : " (位置未登録)"));
    }
    vo.legend = map::paper_legend(scene);
    // The exact credits of README's "Data sources and credits".
    vo.credits = {"行政区域: 「国土数値情報（行政区域データ）」（国土交通省）を加工して作成",
                  "道路: © OpenStreetMap contributors (ODbL 1.0); network prepared by Toru Seo, "
                  "UXsim (github.com/toruseo/UXsim)",
                  "施設の位置: 「指定緊急避難場所・指定避難所データ（国土地理院）」、"
                  "「Geolonia 住所データ」(CC BY 4.0)"};
    const auto r = reports::write_ventilator_map(
        *store, *out_path, vo, [&](reports::PdfDocument& doc, const reports::PaperRect& rect) {
            return map::draw_scene_on_paper(doc, scene, rect, mo);
        });
    *ctx.out << ctx.tr("人工呼吸器使用者等マップを書き出しました: {0}\n",
                       "wrote the ventilator-user map: {0}\n", {r.path.string()});
    return exit_ok;
}

int run_plan(Context& ctx, const Args& args) {
    if (args.positional.empty())
        throw UsageError{ctx.t("err.missing_arg", {"create|advance|show|due|print"})};
    const std::string& sub = args.positional[0];
    if (sub == "create") return plan_create(ctx, args);
    if (sub == "advance") return plan_advance(ctx, args);
    if (sub == "due") return plan_due(ctx, args);
    if (sub == "print") return plan_print(ctx, args);
    if (sub == "show" || sub == "list") {
        auto store = ctx.open_store();
        auto ps = plans::plan_store(*store);
        if (sub == "list" || (args.positional.size() == 1 && !args.has("person"))) {
            for (const auto& p : ps->plans())
                print_plan(ctx, *store, *ps, p, false);
            return exit_ok;
        }
        std::optional<plans::SupportPlan> p;
        if (auto person = args.get("person"))
            p = ps->current_plan(person_of(*store, *person).id);
        else
            p = ps->plan(plan_id_arg(ctx, args, 1));
        if (!p) {
            *ctx.err << ctx.tr("計画はありません\n", "no such plan\n");
            return exit_findings;
        }
        print_plan(ctx, *store, *ps, *p, true);
        return exit_ok;
    }
    throw UsageError{ctx.tr(
        "plan の後には create, advance, show, due, print のどれかを指定します ('{0}' は不可)",
        "plan takes create, advance, show, due or print, not '{0}'", {sub})};
}

// --- evaluate ----------------------------------------------------------------------------------

int run_evaluate(Context& ctx, const Args& args) {
    if (args.positional.empty()) throw UsageError{ctx.t("err.missing_arg", {"record|list"})};
    const std::string& sub = args.positional[0];
    const auto id = plan_id_arg(ctx, args, 1);
    auto store = ctx.open_store();
    auto ps = plans::plan_store(*store);
    auto& out = *ctx.out;
    if (sub == "record") {
        plans::Evaluation e;
        e.plan_id = id;
        e.evaluated_at = ops::format_time(time_option(ctx, args, "at", now_of(ctx)));
        std::map<std::string, plans::EvalItem> given;
        for (std::size_t i = 2; i < args.positional.size(); ++i) {
            const auto& w = args.positional[i];
            const auto eq = w.find('=');
            if (eq == std::string::npos)
                throw UsageError{ctx.tr("'{0}': 項目=結果[:内容] の形で書きます",
                                        "'{0}': write item=result[:note]", {w})};
            const std::string key = w.substr(0, eq);
            std::string value = w.substr(eq + 1), note;
            if (const auto colon = value.find(':'); colon != std::string::npos) {
                note = value.substr(colon + 1);
                value.resize(colon);
            }
            const auto result = plans::parse_eval_result(value);
            if (!result)
                throw UsageError{
                    ctx.tr("'{0}': 結果は ok, problem, not_applicable (問題なし/問題あり 等)",
                           "'{0}': result must be ok, problem or not_applicable", {w})};
            given[key] = {key, *result, note};
        }
        const auto rest = args.get("others");
        std::optional<plans::EvalResult> rest_result;
        if (rest) {
            rest_result = plans::parse_eval_result(*rest);
            if (!rest_result)
                throw UsageError{ctx.tr("--others は ok か not_applicable",
                                        "--others must be ok or not_applicable")};
        }
        for (const auto& spec : plans::evaluation_items()) {
            const std::string key(spec.key);
            if (auto it = given.find(key); it != given.end()) {
                e.items.push_back(it->second);
                given.erase(it);
            } else if (rest_result) {
                e.items.push_back({key, *rest_result, ""});
            }
        }
        for (const auto& [key, item] : given) // unknown keys: validation names them
            e.items.push_back(item);
        ps->record_evaluation(e, args.get("document").value_or(""));
        out << ctx.tr("計画 #{0} の評価 (第8号) を記録しました\n",
                      "recorded the form 8 evaluation of plan #{0}\n", {std::to_string(id)});
    } else if (sub != "list") {
        throw UsageError{ctx.tr("evaluate の後には record か list",
                                "evaluate takes record or list, not '{0}'", {sub})};
    }
    const auto evs = ps->evaluations(id);
    for (const auto& ev : evs) {
        out << time_text(ev.evaluated_at) << "\n";
        for (const auto& item : ev.items) {
            const auto* spec = plans::find_evaluation_item(item.key);
            const std::string label =
                spec ? std::string(ctx.lang == Lang::ja ? spec->label_ja : spec->label_en)
                     : item.key;
            out << "  " << pad(spec ? std::string(spec->section) : "", 10) << pad(label, 40)
                << plans::to_db(item.result) << (item.note.empty() ? "" : "  (" + item.note + ")")
                << "\n";
        }
    }
    if (evs.empty()) {
        out << ctx.tr("評価はまだありません\n", "no evaluation yet\n");
        return exit_findings;
    }
    const auto fu = plans::follow_ups(evs.back());
    out << ctx.tr("要対応 (フォローアップ) {0} 件\n", "follow-up list: {0} items\n",
                  {std::to_string(fu.size())});
    for (const auto& item : fu) {
        const auto* spec = plans::find_evaluation_item(item.key);
        out << "  - "
            << (spec ? std::string(ctx.lang == Lang::ja ? spec->label_ja : spec->label_en)
                     : item.key)
            << ": " << item.note << "\n";
    }
    return fu.empty() ? exit_ok : exit_findings;
}

// --- invoice -----------------------------------------------------------------------------------

int run_invoice(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const auto q_arg = args.get("quarter");
    const auto station = args.get("station");
    if (!q_arg || !station)
        throw UsageError{ctx.tr("--quarter 2026Q3 と --station を指定してください",
                                "give --quarter 2026Q3 and --station")};
    const auto q = plans::parse_quarter(*q_arg);
    if (!q)
        throw UsageError{ctx.tr("--quarter '{0}' は 2026Q3 の形で書きます (Q1=1–3月)",
                                "--quarter '{0}' must look like 2026Q3 (Q1 = Jan–Mar)", {*q_arg})};
    auto store = ctx.open_store();
    auto ps = plans::plan_store(*store);
    const auto t = plans::invoice_totals(ps->all_steps(), *station, *q);
    auto& out = *ctx.out;
    out << ctx.tr("請求 (第7号) {0} {1} ({2} ～ {3})\n", "invoice (form 7) {0} {1} ({2} to {3})\n",
                  {*station, q->text(), q->first_day(), q->last_day()});
    out << ctx.tr("  新規 16,560 円 × {0} 件\n", "  new plans 16,560 yen × {0}\n",
                  {std::to_string(t.new_plans)});
    out << ctx.tr("  更新  5,520 円 × {0} 件\n", "  updates    5,520 yen × {0}\n",
                  {std::to_string(t.updates)});
    out << ctx.tr("  小計 (税抜) {0} 円  消費税 (10%) {1} 円  合計 {2} 円\n",
                  "  subtotal (tax excluded) {0} yen  tax (10%) {1} yen  total {2} yen\n",
                  {plans::yen(t.subtotal_yen), plans::yen(t.tax_yen), plans::yen(t.total_yen)});
    if (auto o = args.get("out")) {
        const auto r = reports::write_invoice(*store, t, *o);
        out << ctx.tr("請求書を書き出しました: {0}\n", "wrote the invoice: {0}\n",
                      {r.path.string()});
    }
    if (args.has("issue")) {
        const auto id = ps->record_invoice(t, ops::format_time(now_of(ctx)));
        out << ctx.tr("請求 #{0} を記録しました\n", "recorded invoice #{0}\n",
                      {std::to_string(id)});
    }
    return exit_ok;
}

// --- print -------------------------------------------------------------------------------------

int run_print(Context& ctx, const Args& args) {
    if (args.positional.empty()) throw UsageError{ctx.t("err.missing_arg", {"map|forms|plan"})};
    const std::string& sub = args.positional[0];
    if (sub == "map") return print_map(ctx, args);
    if (sub == "plan") return plan_print(ctx, args);
    if (sub == "forms") {
        const auto person_id = args.get("person");
        const auto out_path = args.get("out");
        if (!person_id || !out_path)
            throw UsageError{
                ctx.tr("--person と --out を指定してください", "give --person and --out")};
        auto store = ctx.open_store();
        const auto r = reports::write_registration_forms(*store, *person_id, *out_path);
        *ctx.out << ctx.tr("第1号・第2号様式を書き出しました (署名用、個人情報を含む): {0}\n",
                           "wrote forms 1 and 2 (for signing, with personal data): {0}\n",
                           {r.path.string()});
        return exit_ok;
    }
    if (sub == "contacts") {
        // The 様式1 contact list of `contact-list`, reused as it is.
        const auto out_path = args.get("out");
        if (!out_path) throw UsageError{ctx.tr("--out を指定してください", "give --out FILE.pdf")};
        const auto privacy = reports::parse_privacy(args.get("privacy").value_or("numbers"));
        if (!privacy)
            throw UsageError{ctx.tr("--privacy は full, initials, numbers のどれか",
                                    "--privacy must be full, initials or numbers")};
        reports::ContactListOptions options;
        options.output = *out_path;
        options.include_personal = *privacy == reports::Privacy::full;
        if (auto p = args.get("person")) options.person_ids.push_back(*p);
        auto store = ctx.open_store();
        const auto r = reports::write_contact_list(*store, options);
        *ctx.out << ctx.tr("連絡リスト (様式1) を書き出しました: {0}\n",
                           "wrote the contact list (様式1): {0}\n", {r.path.string()});
        return exit_ok;
    }
    throw UsageError{ctx.tr("print の後には map, forms, plan, contacts のどれか ('{0}' は不可)",
                            "print takes map, forms, plan or contacts, not '{0}'", {sub})};
}

} // namespace

VerbSpec make_plan_verb() {
    return {"plan",
            "plan create --person ID [--at T --document REF] | advance ID --step "
            "decision_notice|nurse_request|plan|update|invoice|withdraw [--station S] "
            "[field=text ...] | show ID|--person ID | list | due [--within N] | print --person "
            "ID --out F.pdf [--privacy full|initials|numbers]",
            "verb.plan",
            {{"person", true, "opt.loan.person"},
             {"step", true, "opt.plan.step"},
             {"station", true, "opt.plan.station"},
             {"document", true, "opt.plan.document"},
             {"notes", true, "opt.loan.notes"},
             {"within", true, "opt.plan.within"},
             {"out", true, "opt.notice.out"},
             {"privacy", true, "opt.plan.privacy"},
             {"at", true, "opt.incident.at"}},
            run_plan};
}

VerbSpec make_evaluate_verb() {
    return {"evaluate",
            "evaluate record PLAN_ID item=ok|problem:NOTE|not_applicable ... [--others ok] | "
            "list PLAN_ID",
            "verb.evaluate",
            {{"others", true, "opt.evaluate.others"},
             {"document", true, "opt.plan.document"},
             {"at", true, "opt.incident.at"}},
            run_evaluate};
}

VerbSpec make_invoice_verb() {
    return {"invoice",
            "invoice --quarter 2026Q3 --station S [--out F.pdf] [--issue]",
            "verb.invoice",
            {{"quarter", true, "opt.invoice.quarter"},
             {"station", true, "opt.plan.station"},
             {"out", true, "opt.notice.out"},
             {"issue", false, "opt.invoice.issue"}},
            run_invoice};
}

VerbSpec make_print_verb() {
    return {
        "print",
        "print map --out F.pdf --privacy full|initials|numbers [--area ward|町丁目] [--paper "
        "A3|A4] | forms --person ID --out F.pdf | plan --person ID --out F.pdf | contacts --out "
        "F.pdf [--person ID] [--privacy full|numbers]",
        "verb.print",
        {{"out", true, "opt.notice.out"},
         {"privacy", true, "opt.plan.privacy"},
         {"area", true, "opt.print.area"},
         {"paper", true, "opt.print.paper"},
         {"person", true, "opt.loan.person"}},
        run_print};
}

} // namespace breathline::cli
