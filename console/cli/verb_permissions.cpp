#include "console/cli/verb_permissions.h"

#include "console/cli/cli.h"
#include "console/cli/ops_args.h"
#include "data/error.h"
#include "data/postgres/replica.h"

namespace breathline::cli {

bool allows(const data::auth::Permissions& p, Permission need) {
    switch (need) {
    case Permission::none:
        return true;
    case Permission::see_personal:
        return p.see_personal;
    case Permission::edit_registry:
        return p.edit_registry;
    case Permission::edit_plans:
        return p.edit_plans;
    case Permission::manage_incidents:
        return p.manage_incidents;
    case Permission::record_checks:
        return p.record_checks;
    case Permission::dispatch:
        return p.dispatch;
    case Permission::run_drills:
        return p.run_drills;
    case Permission::export_personal:
        return p.export_personal;
    }
    return false;
}

namespace {

using P = Permission;

// Shorthands for the table below.
VerbPermission read(std::string_view verb, std::string_view sub = "") {
    return {verb, sub, "", "", P::none, false, false, "", ""};
}
VerbPermission needs(std::string_view verb, std::string_view sub, P need, const char* ja,
                     const char* en, bool drill_alternative = false) {
    return {verb, sub, "", "", need, drill_alternative, false, ja, en};
}
VerbPermission with_option(std::string_view verb, std::string_view sub, std::string_view option,
                           std::string_view value, P need, const char* ja, const char* en) {
    return {verb, sub, option, value, need, false, false, ja, en};
}
// --include-personal on a read: masked, not refused.
VerbPermission personal_read(std::string_view verb, std::string_view sub) {
    return {verb,
            sub,
            "include-personal",
            "",
            P::see_personal,
            false,
            true,
            "個人情報の表示",
            "show personal data"};
}
VerbPermission personal_export(std::string_view verb, std::string_view sub,
                               std::string_view option = "include-personal",
                               std::string_view value = "") {
    return with_option(verb, sub, option, value, P::export_personal, "個人情報付きの出力",
                       "export or print personal data");
}

std::vector<VerbPermission> build_table() {
    return {
        read("summary"),
        needs("init", "", P::edit_registry, "データベースの作成・更新",
              "create or migrate the database"),
        needs("demo", "", P::edit_registry, "デモデータベースの作成", "build the demo database"),
        needs("import", "", P::edit_registry, "名簿・施設の取り込み",
              "import persons, supporters or facilities"),
        read("export"),
        personal_export("export", ""),
        read("list"),
        personal_read("list", ""),
        read("show"),
        personal_read("show", ""),
        needs("set", "", P::edit_registry, "名簿・施設の編集", "edit persons and facilities"),
        read("nearest"),
        read("check"),
        with_option("check", "", "repair", "", P::edit_registry, "空間索引の修復",
                    "repair the spatial indexes"),
        needs("check", "record", P::record_checks, "安否確認の記録", "record safety checks", true),
        needs("roads", "import", P::edit_registry, "道路網の取り込み", "import a road network"),
        read("roads", "info"),
        read("route"),
        read("matrix"),
        read("isochrone"),
        needs("closures", "add", P::dispatch, "通行止めの変更", "change road closures"),
        needs("closures", "remove", P::dispatch, "通行止めの変更", "change road closures"),
        needs("closures", "clear", P::dispatch, "通行止めの変更", "change road closures"),
        read("closures", "list"),
        read("recommend"),
        with_option("recommend", "", "confirm", "", P::dispatch, "搬送先の決定",
                    "decide destinations"),
        with_option("recommend", "", "override", "", P::dispatch, "搬送先の決定",
                    "decide destinations"),
        read("notice"),
        personal_export("notice", ""),
        read("contact-list"),
        personal_export("contact-list", ""),
        read("facilities"),
        needs("incident", "declare", P::manage_incidents, "災害の宣言", "declare incidents"),
        with_option("incident", "declare", "drill", "", P::run_drills, "訓練の宣言",
                    "declare drills"),
        read("incident", "list"),
        read("incident", "status"),
        needs("incident", "activate", P::manage_incidents, "災害の切り替え", "switch incidents"),
        needs("incident", "close", P::manage_incidents, "災害の終了", "close incidents"),
        needs("incident", "level", P::manage_incidents, "避難レベルの変更",
              "change the evacuation level"),
        needs("outage", "add", P::manage_incidents, "停電地域の登録", "add outage areas", true),
        read("outage", "list"),
        needs("outage", "restore", P::manage_incidents, "停電の復旧記録", "restore outage areas"),
        read("board"),
        read("vrp"),
        needs("equipment", "add", P::dispatch, "酸素機器の登録", "add oxygen equipment"),
        read("equipment", "list"),
        read("equipment", "stock"),
        needs("loan", "create", P::dispatch, "酸素の貸出", "manage oxygen loans"),
        needs("loan", "advance", P::dispatch, "酸素の貸出", "manage oxygen loans"),
        read("loan", "list"),
        read("loan", "show"),
        needs("drill", "start", P::run_drills, "訓練の実施", "run drills"),
        needs("drill", "run", P::run_drills, "訓練の実施", "run drills"),
        needs("drill", "advance", P::run_drills, "訓練の実施", "run drills"),
        needs("drill", "pause", P::run_drills, "訓練の実施", "run drills"),
        needs("drill", "resume", P::run_drills, "訓練の実施", "run drills"),
        needs("drill", "speed", P::run_drills, "訓練の実施", "run drills"),
        needs("drill", "end", P::run_drills, "訓練の実施", "run drills"),
        needs("drill", "report", P::run_drills, "訓練の報告書作成", "write drill reports"),
        read("drill", "status"),
        read("drill", "list"),
        needs("supporters", "add", P::edit_registry, "支援者の登録", "add supporters"),
        needs("supporters", "import", P::edit_registry, "支援者の取り込み", "import supporters"),
        read("supporters", "list"),
        personal_read("supporters", "list"),
        needs("transport", "request", P::dispatch, "移送の依頼", "request transport", true),
        needs("transport", "assign", P::dispatch, "移送班の編成", "assign transport teams", true),
        needs("transport", "status", P::dispatch, "移送状況の更新", "update transport status"),
        read("transport", "list"),
        personal_read("transport", "list"),
        read("transport", "call-list"),
        personal_export("transport", "call-list"),
        needs("deliveries", "plan", P::dispatch, "酸素配送の計画", "plan oxygen deliveries"),
        needs("deliveries", "done", P::dispatch, "酸素配送の完了記録", "record oxygen deliveries"),
        read("deliveries", "show"),
        read("deliveries", "sheet"),
        personal_export("deliveries", "sheet", "driver-names"),
        needs("plan", "create", P::edit_plans, "個別支援計画の編集", "edit support plans"),
        needs("plan", "advance", P::edit_plans, "個別支援計画の編集", "edit support plans"),
        read("plan", "show"),
        read("plan", "list"),
        read("plan", "due"),
        read("plan", "print"),
        personal_export("plan", "print", "privacy", "full"),
        personal_export("plan", "print", "privacy", "initials"),
        needs("evaluate", "record", P::edit_plans, "評価の記録", "record evaluations"),
        read("evaluate", "list"),
        read("invoice"),
        with_option("invoice", "", "issue", "", P::edit_plans, "請求書の発行", "issue invoices"),
        read("print", "map"),
        personal_export("print", "map", "privacy", "full"),
        personal_export("print", "map", "privacy", "initials"),
        read("print", "plan"),
        personal_export("print", "plan", "privacy", "full"),
        personal_export("print", "plan", "privacy", "initials"),
        // 第1号/第2号 forms are filled in with the person's details for signing.
        needs("print", "forms", P::export_personal, "個人情報付きの出力",
              "export or print personal data"),
        read("print", "contacts"),
        personal_export("print", "contacts", "privacy", "full"),
        personal_export("print", "contacts", "privacy", "initials"),
        // The console enforces roles itself (console/ui/command_permissions); the screenshot
        // renders the map as the console shows it to this role.
        read("open"),
        read("screenshot"),
        // Moving a whole database writes every table (issue 9, db copy).
        needs("db", "copy", P::edit_registry, "データベースの複製", "copy the database"),
        read("db", "info"),
        // The local replica (issue 9): a refresh copies personal data onto this workstation;
        // a replay records the checks of local mode on the server.
        needs("replica", "refresh", P::see_personal, "ローカル複製の更新", "refresh the replica"),
        read("replica", "status"),
        needs("replica", "replay", P::record_checks, "安否確認の再送", "replay safety checks"),
    };
}

bool option_matches(const VerbPermission& row, const Args& args) {
    const auto value = args.get(std::string(row.option));
    return value && (row.option_value.empty() || *value == row.option_value);
}

const VerbPermission* find_row(std::string_view verb, std::string_view sub, const Args& args) {
    const VerbPermission* plain = nullptr;
    for (const auto& row : verb_permissions()) {
        if (row.verb != verb || row.sub != sub) continue;
        if (row.option.empty()) {
            if (!plain) plain = &row;
        } else if (option_matches(row, args)) {
            return &row;
        }
    }
    return plain;
}

// What a local replica may run: reads, and the recording of safety checks.
bool replica_allows(const VerbPermission* row) {
    if (!row) return false;
    switch (row->need) {
    case P::none:
    case P::see_personal:
    case P::export_personal:
    case P::record_checks:
        return true;
    default:
        return false;
    }
}

} // namespace

const std::vector<VerbPermission>& verb_permissions() {
    static const std::vector<VerbPermission> k = build_table();
    return k;
}

const VerbPermission* permission_for(std::string_view verb, const Args& args) {
    if (!args.positional.empty())
        if (const auto* row = find_row(verb, args.positional.front(), args)) return row;
    return find_row(verb, "", args);
}

std::string refusal_message(const Context& ctx, data::auth::Role role, const VerbPermission& row) {
    return ctx.tr("{0} の役割では {1} はできません", "the {0} role may not {1}",
                  {ctx.lang == Lang::ja ? data::auth::display_name_ja(role)
                                        : data::auth::display_name_en(role),
                   ctx.lang == Lang::ja ? row.action_ja : row.action_en});
}

void enforce_permission(const Context& ctx, data::Store& store) {
    ctx.personal_masked = false;
    if (!ctx.command_line) return; // a store opened outside a verb (tests, helpers)
    const data::auth::Role role = store.role();
    const auto granted = data::auth::permissions(role);
    const VerbPermission* row = permission_for(ctx.command_line->verb, *ctx.command_line);
    // A local replica (issue 9, local mode) takes safety checks only: anything else it holds
    // is replaced by the next refresh, so a change written there would be silently lost.
    if (!replica_allows(row) && data::is_replica(store.location())) {
        const std::string file = store.location();
        throw data::DataError(data::ErrorCode::permission_denied,
                              ctx.lang == Lang::ja ? data::replica_write_refusal_ja(file)
                                                   : data::replica_write_refusal(file));
    }
    if (!row) {
        // Not in the table: an unknown sub-verb the verb will reject anyway. Fail closed.
        if (granted.edit_registry) return;
        throw data::DataError(data::ErrorCode::permission_denied,
                              ctx.tr("{0} の役割では {1} はできません",
                                     "the {0} role may not run {1}",
                                     {ctx.lang == Lang::ja ? data::auth::display_name_ja(role)
                                                           : data::auth::display_name_en(role),
                                      ctx.command_line->verb}));
    }
    if (allows(granted, row->need)) return;
    if (row->masks) {
        ctx.personal_masked = true;
        *ctx.err << ctx.tr("{0} の役割では個人情報を表示できないため、伏せて表示します\n",
                           "the {0} role may not see personal data: shown masked\n",
                           {ctx.lang == Lang::ja ? data::auth::display_name_ja(role)
                                                 : data::auth::display_name_en(role)});
        return;
    }
    if (row->drill_alternative && granted.run_drills) {
        // Drill operators act inside drills only: the incident the verb will use decides.
        bool drill = false;
        try {
            drill = incident_for(ctx, store, *ctx.command_line).is_drill;
        } catch (const data::DataError&) {
            drill = false; // no such incident: refused below, as any real incident would be
        }
        if (drill) return;
        throw data::DataError(data::ErrorCode::permission_denied,
                              refusal_message(ctx, role, *row) +
                                  ctx.tr(" (訓練の災害でのみ可能です)", " (only in a drill)"));
    }
    throw data::DataError(data::ErrorCode::permission_denied, refusal_message(ctx, role, *row));
}

} // namespace breathline::cli
