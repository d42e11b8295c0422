// `equipment add|list|stock` and `loan create|advance|list|show`: the ward's oxygen stock and
// its loans through the nine steps of the Minato scheme (data/dispatch/loan.h). Registry
// numbers only, never names.

#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/dispatch/loan_store.h"
#include "data/error.h"

#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <sstream>

namespace breathline::cli {

namespace {

namespace dispatch = data::dispatch;
namespace ops = data::ops;

std::optional<double> number_option(const Context& ctx, const Args& args, const std::string& name) {
    const auto text = args.get(name);
    if (!text) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !(v >= 0))
        throw UsageError{ctx.tr("--{0} '{1}' は 0 以上の数ではありません",
                                "--{0} '{1}' is not a number (0 or more)", {name, *text})};
    return v;
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string kind_text(const Context& ctx, dispatch::EquipmentKind k) {
    return std::string(ctx.lang == Lang::ja ? dispatch::label_ja(k) : dispatch::label_en(k));
}

std::string state_text(const Context& ctx, dispatch::LoanState s) {
    return std::string(ctx.lang == Lang::ja ? dispatch::label_ja(s) : dispatch::label_en(s));
}

std::string time_text(const std::string& iso) {
    const auto t = ops::parse_time(iso);
    return t ? ops::format_time_jst(*t) : iso;
}

// Stock lines with the shortfall warning; returns true when some kind falls short.
bool print_stock(const Context& ctx, dispatch::LoanStore& loans) {
    const auto lines = dispatch::stock_forecast(loans.equipment(), loans.loans(false));
    bool short_somewhere = false;
    auto& out = *ctx.out;
    for (const auto& l : lines) {
        out << pad(kind_text(ctx, l.kind), 22)
            << ctx.tr("在庫 {0} / 貸出中 {1} / 配達待ちの貸与 {2}",
                      "in stock {0} / on loan {1} / loans awaiting delivery {2}",
                      {std::to_string(l.in_stock), std::to_string(l.on_loan),
                       std::to_string(l.needed_ahead)});
        if (l.shortfall > 0) {
            short_somewhere = true;
            out << ctx.tr("  ⚠ {0} 不足", "  ⚠ short by {0}", {std::to_string(l.shortfall)});
        }
        out << "\n";
    }
    return short_somewhere;
}

int equipment_add(Context& ctx, const Args& args) {
    const auto serial = args.get("serial");
    const auto kind_text_arg = args.get("kind");
    if (!serial || !kind_text_arg)
        throw UsageError{
            ctx.tr("--serial と --kind を指定してください", "give --serial and --kind")};
    const auto kind = dispatch::parse_equipment_kind(*kind_text_arg);
    if (!kind)
        throw UsageError{ctx.tr("--kind '{0}' は cylinder, demand_regulator, concentrator のどれか",
                                "--kind '{0}' must be cylinder, demand_regulator or concentrator",
                                {*kind_text_arg})};
    dispatch::Equipment e;
    e.serial = *serial;
    e.kind = *kind;
    e.capacity_l = number_option(ctx, args, "capacity-l");
    e.fill_ratio = number_option(ctx, args, "fill");
    auto store = ctx.open_store();
    if (auto depot = args.get("depot")) {
        const auto f = store->facilities().facility_by_external_id(*depot);
        if (!f) throw data::DataError(data::ErrorCode::not_found, "--depot: no facility " + *depot);
        e.depot_facility_id = f->id;
    }
    auto loans = dispatch::loan_store(*store);
    const auto id = loans->add_equipment(e);
    *ctx.out << ctx.tr("機器 {0} ({1}) を登録しました (#{2})\n", "added {0} ({1}) as #{2}\n",
                       {e.serial, kind_text(ctx, e.kind), std::to_string(id)});
    return exit_ok;
}

int equipment_list(Context& ctx) {
    auto store = ctx.open_store();
    auto loans = dispatch::loan_store(*store);
    auto& out = *ctx.out;
    out << pad(ctx.tr("製造番号", "serial"), 12) << pad(ctx.tr("種別", "kind"), 22)
        << pad(ctx.tr("容量", "capacity"), 10) << pad(ctx.tr("充填", "fill"), 8)
        << ctx.tr("状態", "status") << "\n";
    for (const auto& e : loans->equipment())
        out << pad(e.serial, 12) << pad(kind_text(ctx, e.kind), 22)
            << pad(e.capacity_l ? number_text(*e.capacity_l) + " L" : "-", 10)
            << pad(e.fill_ratio ? number_text(*e.fill_ratio * 100) + "%" : "-", 8)
            << dispatch::to_db(e.status) << "\n";
    return print_stock(ctx, *loans) ? exit_findings : exit_ok;
}

int run_equipment(Context& ctx, const Args& args) {
    if (args.positional.empty()) throw UsageError{ctx.t("err.missing_arg", {"add|list|stock"})};
    if (args.positional.size() > 1) throw UsageError{ctx.t("err.extra_arg", {args.positional[1]})};
    const std::string& sub = args.positional[0];
    if (sub == "add") return equipment_add(ctx, args);
    if (sub == "list") return equipment_list(ctx);
    if (sub == "stock") {
        auto store = ctx.open_store();
        auto loans = dispatch::loan_store(*store);
        if (args.has("minato-start")) {
            std::optional<data::RowId> depot;
            if (auto d = args.get("depot"))
                if (const auto f = store->facilities().facility_by_external_id(*d)) depot = f->id;
            const int added = dispatch::add_minato_starting_stock(*loans, depot);
            *ctx.out << ctx.tr("見本在庫 {0} 点を追加しました\n",
                               "added {0} items of sample stock\n", {std::to_string(added)});
        }
        return print_stock(ctx, *loans) ? exit_findings : exit_ok;
    }
    throw UsageError{
        ctx.tr("equipment の後には add, list, stock のどれかを指定します ('{0}' は不可)",
               "equipment takes add, list or stock, not '{0}'", {sub})};
}

// --- loans ---------------------------------------------------------------------------------

data::Person person_of(const Context& ctx, data::Store& store, const std::string& id) {
    auto p = store.registry().person_by_external_id(id);
    if (!p) throw data::DataError(data::ErrorCode::not_found, "--person: no person " + id);
    return *p;
}

std::vector<std::string> split_serials(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
        if (const auto b = item.find_first_not_of(' '); b != std::string::npos)
            out.push_back(item.substr(b, item.find_last_not_of(' ') - b + 1));
    return out;
}

void print_loan(const Context& ctx, data::Store& store, dispatch::LoanStore& loans,
                const dispatch::Loan& l, bool details) {
    auto& out = *ctx.out;
    const auto person = store.registry().person(l.person_id);
    out << "#" << l.id << "  " << pad(person ? person->external_id : "?", 12)
        << pad(state_text(ctx, l.state), 30) << pad(l.clinic, 20)
        << (l.prescribed_flow_l_min ? number_text(*l.prescribed_flow_l_min) + " L/min" : "")
        << "\n";
    if (!details) return;
    for (const auto& e : loans.events(l.id))
        out << "    " << pad(time_text(e.at), 22) << pad(state_text(ctx, e.state), 30) << e.actor
            << (e.notes.empty() ? "" : "  " + e.notes) << "\n";
    std::vector<dispatch::Equipment> out_now;
    std::optional<std::string> delivered_at;
    for (const auto& item : loans.items(l.id)) {
        for (const auto& e : loans.equipment())
            if (e.id == item.equipment_id) {
                out << "    " << ctx.tr("貸出 ", "lent ") << e.serial << " ("
                    << kind_text(ctx, e.kind) << ")"
                    << (item.returned_at
                            ? ctx.tr(" 返却済み ", " returned ") + time_text(*item.returned_at)
                            : "")
                    << "\n";
                if (!item.returned_at) out_now.push_back(e);
            }
        delivered_at = item.lent_at;
    }
    if (delivered_at && l.prescribed_flow_l_min)
        if (const auto t = ops::parse_time(*delivered_at))
            if (const auto due = dispatch::replacement_due(*t, out_now, *l.prescribed_flow_l_min))
                out << "    "
                    << ctx.tr("ボンベ交換の目安: {0}", "cylinders run out by: {0}",
                              {ops::format_time_jst(*due)})
                    << "\n";
    for (const auto& d : loans.deliveries(l.id))
        out << "    " << (d.collection ? ctx.tr("回収", "collection") : ctx.tr("配達", "delivery"))
            << " #" << d.id << " " << d.status
            << (d.due_by ? ctx.tr(" 期限 ", " due ") + time_text(*d.due_by) : "") << "\n";
}

int loan_create(Context& ctx, const Args& args) {
    const auto person_id = args.get("person");
    if (!person_id) throw UsageError{ctx.tr("--person を指定してください", "give --person")};
    auto store = ctx.open_store();
    dispatch::Loan l;
    l.person_id = person_of(ctx, *store, *person_id).id;
    if (auto inc = store->incidents().active_incident()) l.incident_id = inc->id;
    l.clinic = args.get("clinic").value_or("");
    l.prescribed_flow_l_min = number_option(ctx, args, "flow");
    l.opened_at = ops::format_time(time_option(ctx, args, "at", now_of(ctx)));
    auto loans = dispatch::loan_store(*store);
    const auto id = loans->open_loan(l);
    *ctx.out << ctx.tr("貸与 #{0} を「① 健康相談」で開始しました (登録者 {1})\n",
                       "loan #{0} opened at step 1 (person {1})\n",
                       {std::to_string(id), *person_id});
    const bool short_stock = print_stock(ctx, *loans);
    return short_stock ? exit_findings : exit_ok;
}

int loan_advance(Context& ctx, const Args& args) {
    const auto id = static_cast<data::RowId>(parse_count(ctx, "ID", args.positional.at(1)));
    const auto to_text = args.get("to");
    if (!to_text) throw UsageError{ctx.tr("--to で次の段階を指定してください", "give --to STATE")};
    const auto to = dispatch::parse_loan_state(*to_text);
    if (!to)
        throw UsageError{ctx.tr("--to '{0}' は貸与の段階ではありません (1-9、consultation ... "
                                "collected、cancelled)",
                                "--to '{0}' is not a loan step (1-9, consultation ... collected, "
                                "cancelled)",
                                {*to_text})};
    dispatch::LoanAdvance step;
    step.loan_id = id;
    step.to = *to;
    step.at = ops::format_time(time_option(ctx, args, "at", now_of(ctx)));
    step.notes = args.get("notes").value_or("");
    if (auto lend = args.get("lend")) step.lend_serials = split_serials(*lend);
    if (auto c = args.get("clinic")) step.clinic = *c;
    step.flow_l_min = number_option(ctx, args, "flow");
    if (args.has("therapy-ends"))
        step.therapy_ends = ops::format_time(time_option(ctx, args, "therapy-ends", now_of(ctx)));
    auto store = ctx.open_store();
    auto loans = dispatch::loan_store(*store);
    const auto l = loans->advance(step);
    *ctx.out << ctx.tr("貸与 #{0}: 「{1}」\n", "loan #{0}: {1}\n",
                       {std::to_string(l.id), state_text(ctx, l.state)});
    print_loan(ctx, *store, *loans, l, true);
    return exit_ok;
}

int run_loan(Context& ctx, const Args& args) {
    if (args.positional.empty())
        throw UsageError{ctx.t("err.missing_arg", {"create|advance|list|show"})};
    const std::string& sub = args.positional[0];
    const std::size_t expected = (sub == "advance" || sub == "show") ? 2 : 1;
    if (args.positional.size() < expected) throw UsageError{ctx.t("err.missing_arg", {"ID"})};
    if (args.positional.size() > expected)
        throw UsageError{ctx.t("err.extra_arg", {args.positional[expected]})};
    if (sub == "create") return loan_create(ctx, args);
    if (sub == "advance") return loan_advance(ctx, args);
    auto store = ctx.open_store();
    auto loans = dispatch::loan_store(*store);
    if (sub == "list") {
        const auto all = loans->loans(args.has("all"));
        for (const auto& l : all)
            print_loan(ctx, *store, *loans, l, false);
        if (all.empty()) *ctx.out << ctx.tr("貸与はありません\n", "no loans\n");
        return print_stock(ctx, *loans) ? exit_findings : exit_ok;
    }
    if (sub == "show") {
        const auto id = static_cast<data::RowId>(parse_count(ctx, "ID", args.positional[1]));
        const auto l = loans->loan(id);
        if (!l) {
            *ctx.err << ctx.tr("貸与 #{0} はありません\n", "no loan #{0}\n", {std::to_string(id)});
            return exit_findings;
        }
        print_loan(ctx, *store, *loans, *l, true);
        return exit_ok;
    }
    throw UsageError{
        ctx.tr("loan の後には create, advance, list, show のどれかを指定します ('{0}' は不可)",
               "loan takes create, advance, list or show, not '{0}'", {sub})};
}

} // namespace

VerbSpec make_equipment_verb() {
    return {"equipment",
            "equipment add --serial S --kind cylinder|demand_regulator|concentrator "
            "[--capacity-l L --fill 0..1 --depot FACILITY] | list | stock [--minato-start]",
            "verb.equipment",
            {{"serial", true, "opt.equipment.serial"},
             {"kind", true, "opt.equipment.kind"},
             {"capacity-l", true, "opt.equipment.capacity"},
             {"fill", true, "opt.equipment.fill"},
             {"depot", true, "opt.equipment.depot"},
             {"minato-start", false, "opt.equipment.minato"}},
            run_equipment};
}

VerbSpec make_loan_verb() {
    return {"loan",
            "loan create --person ID [--clinic C --flow L/min] | advance ID --to STEP [--lend "
            "S1,S2 --clinic C --flow L/min --therapy-ends T --notes N --at T] | list [--all] | "
            "show ID",
            "verb.loan",
            {{"person", true, "opt.loan.person"},
             {"clinic", true, "opt.loan.clinic"},
             {"flow", true, "opt.loan.flow"},
             {"to", true, "opt.loan.to"},
             {"lend", true, "opt.loan.lend"},
             {"therapy-ends", true, "opt.loan.therapy_ends"},
             {"notes", true, "opt.loan.notes"},
             {"at", true, "opt.incident.at"},
             {"all", false, "opt.loan.all"}},
            run_loan};
}

} // namespace breathline::cli
