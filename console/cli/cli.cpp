#include "console/cli/cli.h"

#include "console/cli/exit_codes.h"
#include "console/cli/messages.h"
#include "console/cli/verb_permissions.h"
#include "data/error.h"
#include "data/ops/clock.h"
#include "data/paths.h"
#include "data/postgres/pg_connection.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace breathline::cli {

namespace {

const std::vector<OptionSpec> k_global_options = {
    {"db", true, "opt.db"},       {"lang", true, "opt.lang"},  {"data-dir", true, "opt.data_dir"},
    {"actor", true, "opt.actor"}, {"help", false, "opt.help"}, {"now", true, "opt.now"},
    {"role", true, "opt.role"},
};

const OptionSpec* find_option(const std::vector<OptionSpec>& specs, const std::string& name) {
    for (const auto& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

const VerbSpec* find_verb(const std::string& name) {
    for (const auto& v : verbs())
        if (v.name == name) return &v;
    return nullptr;
}

void print_verb_help(const Context& ctx, const VerbSpec& v) {
    auto& out = *ctx.out;
    out << ctx.t("help.usage") << ": breathline " << v.usage << "\n  " << ctx.t(v.summary_key)
        << "\n";
    if (!v.options.empty()) {
        out << "\n" << ctx.t("help.options") << ":\n";
        for (const auto& o : v.options)
            out << "  --" << o.name << (o.takes_value ? " " + ctx.t("help.value") : "")
                << "\n      " << ctx.t(o.help_key) << "\n";
    }
    out << "\n" << ctx.t("help.global_options") << ":\n";
    for (const auto& o : k_global_options)
        out << "  --" << o.name << (o.takes_value ? " " + ctx.t("help.value") : "") << "\n      "
            << ctx.t(o.help_key) << "\n";
}

void print_general_help(const Context& ctx) {
    auto& out = *ctx.out;
    out << ctx.t("help.title") << "\n\n"
        << ctx.t("help.usage") << ": breathline [--db PATH] [--lang ja|en] VERB ...\n\n"
        << ctx.t("help.verbs") << ":\n";
    for (const auto& v : verbs()) {
        // Long names (contact-list, facilities) keep every letter and one space.
        std::string name = v.name;
        name.resize(std::max<std::size_t>(10, name.size() + 1), ' ');
        out << "  " << name << ctx.t(v.summary_key) << "\n";
    }
    out << "\n" << ctx.t("help.more") << "\n";
}

int exit_for(data::ErrorCode code) {
    using data::ErrorCode;
    switch (code) {
    case ErrorCode::open_failed:
    case ErrorCode::future_version:
    case ErrorCode::migrate_failed:
        return exit_database;
    case ErrorCode::io:
    case ErrorCode::export_failed:
        return exit_io;
    case ErrorCode::not_found:
        return exit_findings;
    case ErrorCode::constraint:
    case ErrorCode::invalid_input:
    case ErrorCode::import_failed:
        return exit_bad_input;
    case ErrorCode::conflict:
        return exit_conflict; // another coordinator's edit came first
    case ErrorCode::permission_denied:
        // The app's role check and the database's GRANTs refuse alike (issue 9).
        return exit_refused;
    case ErrorCode::connection_lost:
        return exit_database;
    case ErrorCode::sql:
        return exit_internal;
    }
    return exit_internal;
}

} // namespace

std::unique_ptr<data::Store> Context::open_store() const {
    // A PostgreSQL conninfo is no path: creating its "parent directory" would make stray
    // folders such as `host=` in the working directory.
    if (db_path.has_parent_path() && !data::pg::is_postgres_location(db_path.string())) {
        std::error_code ec;
        std::filesystem::create_directories(db_path.parent_path(), ec);
    }
    auto store = data::open_store(db_path.string());
    store->set_actor(actor);
    if (role) store->set_role(*role); // PostgreSQL refuses to widen (permission_denied)
    enforce_permission(*this, *store);
    return store;
}

std::string Context::t(std::string_view key, std::initializer_list<std::string> args) const {
    return msg(lang, key, args);
}

std::string Context::tr(std::string_view ja, std::string_view en,
                        std::initializer_list<std::string> args) const {
    return format_message(lang == Lang::ja ? ja : en, args);
}

namespace {
std::vector<VerbSpec>& verb_registry() {
    static std::vector<VerbSpec> k = {
        make_summary_verb(),    make_init_verb(),       make_demo_verb(),
        make_import_verb(),     make_export_verb(),     make_list_verb(),
        make_show_verb(),       make_set_verb(),        make_nearest_verb(),
        make_check_verb(),      make_roads_verb(),      make_route_verb(),
        make_matrix_verb(),     make_isochrone_verb(),  make_closures_verb(),
        make_recommend_verb(),  make_notice_verb(),     make_contact_list_verb(),
        make_facilities_verb(), make_incident_verb(),   make_outage_verb(),
        make_board_verb(),      make_vrp_verb(),        make_equipment_verb(),
        make_loan_verb(),       make_drill_verb(),      make_supporters_verb(),
        make_transport_verb(),  make_deliveries_verb(), make_plan_verb(),
        make_evaluate_verb(),   make_invoice_verb(),    make_print_verb(),
        make_db_verb(),
        make_replica_verb(),
    };
    return k;
}
} // namespace

const std::vector<VerbSpec>& verbs() {
    return verb_registry();
}

void register_verb(VerbSpec verb) {
    auto& all = verb_registry();
    for (auto& v : all)
        if (v.name == verb.name) {
            v = std::move(verb);
            return;
        }
    all.push_back(std::move(verb));
}

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    Context ctx;
    ctx.out = &out;
    ctx.err = &err;
    // Language first, so that even errors in the command line come out in it.
    if (const char* env_lang = std::getenv("BREATHLINE_LANG"))
        if (auto l = parse_lang(env_lang)) ctx.lang = *l;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--lang")
            if (auto l = parse_lang(argv[i + 1])) ctx.lang = *l;

    Args args;
    try {
        std::vector<std::string> words(argv + 1, argv + argc);
        const VerbSpec* verb = nullptr;
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::string& w = words[i];
            // Single-letter short options (-k 5) are spelled like their long form.
            const bool short_opt = w.size() == 2 && w[0] == '-' && w[1] != '-';
            if ((w.rfind("--", 0) == 0 && w.size() > 2) || short_opt) {
                std::string name = w.substr(short_opt ? 1 : 2), value;
                const auto eq = name.find('=');
                bool has_inline = eq != std::string::npos;
                if (has_inline) {
                    value = name.substr(eq + 1);
                    name = name.substr(0, eq);
                }
                const OptionSpec* spec = find_option(k_global_options, name);
                if (!spec && verb) spec = find_option(verb->options, name);
                if (!spec)
                    throw UsageError{
                        ctx.t("err.unknown_option", {w, verb ? verb->name : "breathline"})};
                if (spec->takes_value && !has_inline) {
                    if (i + 1 >= words.size())
                        throw UsageError{ctx.t("err.option_needs_value", {w})};
                    value = words[++i];
                }
                args.options[name] = value;
            } else if (!verb) {
                verb = find_verb(w);
                if (!verb) throw UsageError{ctx.t("err.unknown_verb", {w})};
                args.verb = w;
            } else {
                args.positional.push_back(w);
            }
        }
        if (auto l = args.get("lang")) {
            auto parsed = parse_lang(*l);
            if (!parsed) throw UsageError{ctx.t("err.bad_lang", {*l})};
            ctx.lang = *parsed;
        }
        ctx.db_path = args.get("db").value_or(data::default_database_path().string());
        ctx.data_dir = args.get("data-dir").value_or(data::default_data_dir().string());
        const char* user = std::getenv("USER");
        ctx.actor = args.get("actor").value_or(user && *user ? user : "breathline");
        if (auto r = args.get("role")) {
            ctx.role = data::auth::parse_role(*r);
            if (!ctx.role)
                throw UsageError{ctx.tr("--role は coordinator, planner, viewer, drill_operator "
                                        "のどれかです: '{0}'",
                                        "--role takes coordinator, planner, viewer or "
                                        "drill_operator, not '{0}'",
                                        {*r})};
        }
        if (auto now = args.get("now")) {
            ctx.now = *now;
        } else if (const char* env_now = std::getenv("BREATHLINE_NOW")) {
            ctx.now = env_now;
        }
        if (!ctx.now.empty() && !data::ops::parse_time(ctx.now))
            throw UsageError{ctx.tr("--now (または BREATHLINE_NOW) '{0}' は日時として読めません "
                                    "(例: 2026-11-22T12:30)",
                                    "--now (or BREATHLINE_NOW) '{0}' is not a date and time "
                                    "(e.g. 2026-11-22T12:30)",
                                    {ctx.now})};

        if (!verb) {
            if (args.has("help")) {
                print_general_help(ctx);
                return exit_ok;
            }
            verb = find_verb("summary");
            args.verb = verb->name; // the permission table looks the verb up by name
        }
        if (args.has("help")) {
            print_verb_help(ctx, *verb);
            return exit_ok;
        }
        ctx.command_line = &args;
        return verb->run(ctx, args);
    } catch (const UsageError& e) {
        err << ctx.t("err.prefix") << ": " << e.message << "\n" << ctx.t("help.more") << "\n";
        return exit_usage;
    } catch (const data::DataError& e) {
        err << ctx.t("err.prefix") << " [" << data::to_string(e.code()) << "]: " << e.what()
            << "\n";
        return exit_for(e.code());
    } catch (const std::exception& e) {
        err << ctx.t("err.internal") << ": " << e.what() << "\n";
        return exit_internal;
    }
}

} // namespace breathline::cli
