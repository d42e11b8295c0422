#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "data/io/person_fields.h"

#include <ostream>

namespace breathline::cli {

namespace {

template <typename T>
void print_fields(const Context& ctx, const std::vector<data::FieldDef<T>>& fields, const T& row,
                  bool personal) {
    for (const auto& f : fields) {
        std::string value = f.get(row);
        if (value.empty()) continue;
        if (f.personal && !personal) value = ctx.tr("(非表示)", "(hidden)");
        *ctx.out << "  " << pad(ctx.lang == Lang::ja ? f.header_ja : f.key, 34) << value << "\n";
    }
}

// Accepts the registry number (external id) or the numeric database id.
template <typename Find, typename ById>
auto lookup(const std::string& key, Find by_external, ById by_id) -> decltype(by_external(key)) {
    if (auto row = by_external(key)) return row;
    try {
        std::size_t used = 0;
        const long long id = std::stoll(key, &used);
        if (used == key.size()) return by_id(id);
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

int run_show(Context& ctx, const Args& args) {
    if (args.positional.size() != 2)
        throw UsageError{ctx.t("err.missing_arg", {"person|facility ID"})};
    auto store = ctx.open_store();
    const std::string& what = args.positional[0];
    const std::string& key = args.positional[1];
    const bool personal = ctx.shows_personal(args); // masked for roles without see_personal
    auto& out = *ctx.out;
    if (what == "person") {
        auto& reg = store->registry();
        auto p = lookup(
            key, [&](const std::string& k) { return reg.person_by_external_id(k); },
            [&](long long id) { return reg.person(id); });
        if (!p) {
            *ctx.err << ctx.tr("登録者 '{0}' は見つかりません\n", "no person '{0}'\n", {key});
            return exit_findings;
        }
        out << ctx.tr("登録者 ", "person ") << p->external_id << "\n";
        print_fields(ctx, data::person_fields(), *p, personal);
        const auto links = reg.supporter_links(p->id);
        out << ctx.tr("支援者 {0} 人", "supporters: {0}", {std::to_string(links.size())});
        if (p->uses_ventilator && links.size() < data::k_supporters_needed_for_transport)
            out << ctx.tr(" (移送には4人以上必要: {0} 人不足)",
                          " (moving needs at least 4: {0} short)",
                          {std::to_string(data::k_supporters_needed_for_transport - links.size())});
        out << "\n";
        for (const auto& l : links)
            if (auto s = reg.supporter(l.supporter_id))
                out << "  " << pad(s->external_id, 12)
                    << pad(personal ? s->name : masked(s->external_id), 18)
                    << pad(std::string(data::to_db(s->kind)), 16) << data::to_db(s->travel_mode)
                    << "\n";
        const auto contacts = reg.contacts(p->id);
        out << ctx.tr("連絡先 {0} 件\n", "contacts: {0}\n", {std::to_string(contacts.size())});
        for (const auto& c : contacts)
            out << "  " << pad(std::string(data::to_db(c.kind)), 26) << pad(c.organisation, 28)
                << c.phone << "\n";
        return exit_ok;
    }
    if (what == "facility") {
        auto& fac = store->facilities();
        auto f = lookup(
            key, [&](const std::string& k) { return fac.facility_by_external_id(k); },
            [&](long long id) { return fac.facility(id); });
        if (!f) {
            *ctx.err << ctx.tr("施設 '{0}' は見つかりません\n", "no facility '{0}'\n", {key});
            return exit_findings;
        }
        out << ctx.tr("施設 ", "facility ") << f->external_id << "\n";
        print_fields(ctx, data::facility_fields(), *f, true);
        return exit_ok;
    }
    throw UsageError{ctx.t("err.extra_arg", {what})};
}

} // namespace

VerbSpec make_show_verb() {
    return {"show",
            "show person|facility ID",
            "verb.show",
            {{"include-personal", false, "opt.include_personal"}},
            run_show};
}

} // namespace breathline::cli
