#include "data/reports/plan_papers.h"

#include "data/error.h"
#include "data/plans/plan_store.h"
#include "data/text/utf8.h"

#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cmath>
#include <cstdio>

namespace breathline::data::reports {

namespace {

constexpr double k_left = 18.0;
constexpr double k_right = 192.0;
constexpr double k_bottom = 282.0;

std::string jst_text(const std::string& iso) {
    const auto t = ops::parse_time(iso);
    return t ? ops::format_time_jst(*t) : iso;
}

// A cursor down an A4 page that starts a new page when the next block does not fit.
class Flow {
public:
    Flow(PdfDocument& doc, double y) : m_doc(doc), m_y(y) {}
    double y() const { return m_y; }
    void skip(double mm) { m_y += mm; }
    void room(double mm) {
        if (m_y + mm <= k_bottom) return;
        m_doc.new_page();
        m_y = 20;
    }
    void heading(std::string_view t) {
        room(40); // a heading never ends a page without its first lines
        m_y += 3;
        m_doc.text(k_left, m_y, 11.5, t, true);
        m_doc.line(k_left, m_y + 1.5, k_right, m_y + 1.5, 0.6);
        m_y += 7;
    }
    void para(std::string_view t, double size = 9.5) {
        // Estimate lines so a paragraph is not cut by the page end.
        const double lines = std::max(1.0, std::ceil(m_doc.text_width_mm(size, t) / 170.0)) +
                             static_cast<double>(std::count(t.begin(), t.end(), '\n'));
        room(std::min(lines * size * 0.53, 200.0));
        m_y = m_doc.wrapped(k_left + 2, m_y, k_right - k_left - 4, size, t.empty() ? "—" : t);
        m_y += 1;
    }
    void row(std::string_view label, std::string_view value) {
        room(7);
        m_doc.text(k_left, m_y, 9.5, label, true);
        m_y = m_doc.wrapped(k_left + 42, m_y, k_right - k_left - 42, 9.5,
                            value.empty() ? "—" : value);
    }

private:
    PdfDocument& m_doc;
    double m_y;
};

void rect(cairo_t* cr, const PaperRect& r, double width_mm) {
    cairo_save(cr);
    cairo_set_line_width(cr, width_mm);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// A scale bar of a round length at the bottom-left of `r` and a north arrow at its top-right
// (the map's plane, EPSG:6677, has grid north up; Toshima's meridian convergence is < 0.1°).
void scale_and_north(PdfDocument& doc, const PaperRect& r, double metres_per_mm) {
    cairo_t* cr = doc.cairo();
    if (metres_per_mm > 0) {
        const double target_m = metres_per_mm * r.w * 0.2;
        const double p = std::pow(10.0, std::floor(std::log10(target_m)));
        double len_m = p;
        for (double f : {2.0, 5.0, 10.0})
            if (p * f <= target_m) len_m = p * f;
        const double len_mm = len_m / metres_per_mm;
        const double x = r.x + 5, y = r.y + r.h - 6;
        cairo_save(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, x - 2, y - 6, len_mm + 22, 9);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_rectangle(cr, x, y - 1.5, len_mm / 2, 1.5);
        cairo_fill(cr);
        cairo_set_line_width(cr, 0.25);
        cairo_rectangle(cr, x, y - 1.5, len_mm, 1.5);
        cairo_stroke(cr);
        cairo_restore(cr);
        char buf[32];
        if (len_m >= 1000)
            std::snprintf(buf, sizeof buf, "%g km", len_m / 1000);
        else
            std::snprintf(buf, sizeof buf, "%g m", len_m);
        doc.text(x + len_mm + 2, y, 8, buf);
        doc.text(x, y - 2.5, 6.5, "縮尺 (EPSG:6677)");
    }
    const double nx = r.x + r.w - 10, ny = r.y + 6;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, nx, ny);
    cairo_line_to(cr, nx - 3, ny + 9);
    cairo_line_to(cr, nx, ny + 7);
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_move_to(cr, nx, ny);
    cairo_line_to(cr, nx + 3, ny + 9);
    cairo_line_to(cr, nx, ny + 7);
    cairo_close_path(cr);
    cairo_set_line_width(cr, 0.3);
    cairo_stroke(cr);
    cairo_restore(cr);
    doc.text(nx - 1.6, ny + 13, 8, "N");
}

std::string yes_no(const std::optional<bool>& v) {
    return v ? (*v ? "有" : "無") : "不明";
}
std::string hours_text(const std::optional<bool>& has, const std::optional<double>& h) {
    if (!has) return "不明";
    if (!*has) return "無";
    if (!h) return "有";
    char buf[32];
    std::snprintf(buf, sizeof buf, "有 (%g 時間)", *h);
    return buf;
}

} // namespace

std::optional<Privacy> parse_privacy(std::string_view s) {
    if (s == "full") return Privacy::full;
    if (s == "initials") return Privacy::initials;
    if (s == "numbers") return Privacy::numbers;
    return std::nullopt;
}

std::string_view to_text(Privacy p) {
    switch (p) {
    case Privacy::full:
        return "full";
    case Privacy::initials:
        return "initials";
    case Privacy::numbers:
        return "numbers";
    }
    return "numbers";
}

std::string person_label(const Person& p, Privacy privacy) {
    if (privacy == Privacy::full) return p.name.empty() ? p.external_id : p.name;
    if (privacy == Privacy::numbers) return p.external_id;
    // Initials from the kana (family and given name separated by a space), never the kanji:
    // kana initials are what a drill sheet shows without spelling the name.
    std::string out;
    bool at_start = true;
    const std::string_view kana = p.name_kana;
    std::size_t i = 0;
    while (i < kana.size()) {
        const auto d = ::breathline::text::utf8::decode_at(kana, i);
        const std::size_t len = d ? d->length : 1;
        const std::string ch(kana.substr(i, len));
        if (ch == " " || ch == "　") {
            at_start = true;
        } else if (at_start) {
            out += ch + ".";
            at_start = false;
        }
        i += len;
    }
    return out.empty() ? "?" : out;
}

PaperResult write_plan_paper(Store& store, const std::string& person_id,
                             const std::filesystem::path& output, Privacy privacy,
                             const MapDrawer& map, const PlanMapFacts& facts) {
    const auto person = store.registry().person_by_external_id(person_id);
    if (!person) throw DataError(ErrorCode::not_found, "--person: no person " + person_id);
    auto plans = plans::plan_store(store);
    const auto plan = plans->current_plan(person->id);
    if (!plan)
        throw DataError(ErrorCode::not_found,
                        "登録者 " + person_id + " には計画がありません / no plan for " + person_id);
    const auto versions = plans->versions(plan->id);
    if (versions.empty())
        throw DataError(ErrorCode::not_found,
                        "計画 #" + std::to_string(plan->id) +
                            " はまだ作成 (第6号) されていません / the plan has no version yet");
    const auto& v = versions.back();
    const auto temp = temp_path_for(output);
    PaperResult result;
    {
        PdfDocument doc(temp, "災害時個別支援計画 " + person_id);
        doc.text(k_left, 18, 15, "在宅人工呼吸器使用者 災害時個別支援計画 (第6号様式)", true);
        doc.text(k_left, 25, 9,
                 "計画 #" + std::to_string(plan->id) + "  第" + std::to_string(v.version_no) +
                     "版 (" + (v.update ? "更新" : "新規") + ")  作成 " + jst_text(v.created_at) +
                     "  次回見直し " + plan->next_review_due.value_or("—") +
                     "  訪問看護ステーション " +
                     (plan->nurse_station.empty() ? "—" : plan->nurse_station));
        Flow f(doc, 33);
        f.row("対象者",
              person_label(*person, privacy) + "  (登録番号 " + person->external_id + ")");
        f.row("住所", person->address);
        f.row("人工呼吸器", (person->ventilator_model.empty() ? std::string("機種未登録")
                                                              : person->ventilator_model) +
                                "  内部バッテリー " +
                                hours_text(person->internal_battery, person->internal_battery_h) +
                                "  外部バッテリー " +
                                hours_text(person->external_battery, person->external_battery_h) +
                                "  蘇生バッグ " + yes_no(person->resuscitation_bag));
        f.skip(2);
        // The map: the home, the nearest facilities and the route.
        const PaperRect r{k_left, f.y(), k_right - k_left, 95};
        const MapDrawn drawn = map ? map(doc, r) : MapDrawn{};
        rect(doc.cairo(), r, 0.3);
        scale_and_north(doc, r, drawn.metres_per_mm);
        f.skip(r.h + 5);
        for (const auto& line : facts.lines)
            f.para(line, 8.5);
        for (const auto& note : drawn.notes) {
            f.para("※ " + note, 8.5);
            result.notes.push_back(note);
        }
        const auto& c = v.content;
        f.heading("(1) 安否確認の方法");
        f.para(c.safety_check_method);
        f.heading("(2) 関係者及び緊急時の医療機関等の連絡リスト");
        f.para(c.contact_list);
        for (const auto& ct : store.registry().contacts(person->id))
            f.para("・" + ct.organisation + (ct.phone.empty() ? "" : "  TEL " + ct.phone), 9);
        f.heading("(3) 災害時に備えて準備しておく物のリスト");
        f.para(c.supplies);
        f.heading("(4) 停電時の対応方法 (停電が長引きそうな場合を含む)");
        f.para(c.outage_procedure);
        f.heading("(5) 災害種別ごとの対応方法 (地震・風水害)");
        f.para(c.hazard_procedures);
        f.heading("(6) 人工呼吸器の機種等の情報及び医療情報");
        f.para(c.ventilator_info);
        f.heading("(7) その他");
        f.para(c.other_items);
        f.heading("経過 (第3号〜第8号)");
        for (const auto& s : plans->steps(plan->id))
            f.para(jst_text(s.at) + "  " + std::string(plans::label_ja(s.step)) + "  " + s.actor +
                       (s.document_ref.empty() ? "" : "  " + s.document_ref),
                   8.5);
        f.para("原本は本人・家族が保管し、関係機関は写しを保管する "
               "(要領第5条6)。停電に備え紙で保管すること。",
               8);
        doc.finish();
        result.pages = doc.pages();
    }
    publish_report(store, temp, output, "plan",
                   "support plan of " + person_id + ", version " + std::to_string(v.version_no) +
                       ", privacy " + std::string(to_text(privacy)));
    result.path = output;
    return result;
}

PaperResult write_ventilator_map(Store& store, const std::filesystem::path& output,
                                 const VentilatorMapOptions& o, const MapDrawer& map) {
    const auto temp = temp_path_for(output);
    PaperResult result;
    {
        PdfDocument doc(temp, "人工呼吸器使用者等マップ");
        // Landscape: A4 297×210 mm or A3 420×297 mm (set before anything is drawn).
        const double w = o.a3 ? 420.0 : 297.0, h = o.a3 ? 297.0 : 210.0;
        cairo_pdf_surface_set_size(cairo_get_target(doc.cairo()), w * 72.0 / 25.4, h * 72.0 / 25.4);
        doc.text(12, 14, o.a3 ? 18 : 15, "人工呼吸器使用者等マップ  " + o.area_title, true);
        const std::string privacy_text = o.privacy == Privacy::full ? "氏名表示 (取扱注意)"
                                         : o.privacy == Privacy::initials ? "イニシャル表示"
                                                                          : "登録番号のみ";
        doc.text(12, 20, 8.5,
                 "作成日 " + o.date + "   表示: " + privacy_text + "   要領第11条の帳票");
        const double side = o.a3 ? 95 : 72;
        const PaperRect r{12, 24, w - 24 - side - 4,
                          h - 24 - 8 - 3.5 * static_cast<double>(o.credits.size() + 1)};
        const MapDrawn drawn = map ? map(doc, r) : MapDrawn{};
        rect(doc.cairo(), r, 0.35);
        scale_and_north(doc, r, drawn.metres_per_mm);
        double y = 28;
        const double x = r.x + r.w + 4;
        doc.text(x, y, 10, "凡例", true);
        y += 5;
        for (const auto& l : o.legend) {
            doc.text(x, y, 7.5, l);
            y += 4;
        }
        y += 3;
        doc.text(x, y, 10, "登録者", true);
        y += 5;
        for (const auto& l : o.person_list) {
            if (y > h - 26) {
                doc.text(x, y, 7, "… (一部省略)");
                break;
            }
            y = doc.wrapped(x, y, side, 7, l);
        }
        double cy = h - 14;
        for (const auto& n : drawn.notes) {
            result.notes.push_back(n);
        }
        for (auto it = o.credits.rbegin(); it != o.credits.rend(); ++it) {
            doc.text(12, cy, 7, *it);
            cy -= 3.5;
        }
        for (const auto& n : drawn.notes) {
            doc.text(12, cy, 7, "※ " + n);
            cy -= 3.5;
        }
        doc.finish();
        result.pages = doc.pages();
    }
    publish_report(store, temp, output, "ventilator_map",
                   "ventilator-user map " + o.area_title + ", " + (o.a3 ? "A3" : "A4") +
                       ", privacy " + std::string(to_text(o.privacy)));
    result.path = output;
    return result;
}

PaperResult write_registration_forms(Store& store, const std::string& person_id,
                                     const std::filesystem::path& output) {
    const auto p = store.registry().person_by_external_id(person_id);
    if (!p) throw DataError(ErrorCode::not_found, "--person: no person " + person_id);
    const auto temp = temp_path_for(output);
    PaperResult result;
    {
        PdfDocument doc(temp, "人工呼吸器使用に関する情報提供についての同意書");
        for (int form = 1; form <= 2; ++form) {
            if (form == 2) doc.new_page();
            doc.text(k_left, 16, 9,
                     form == 1 ? "(第1号様式) 【人工呼吸器使用者・家族用】"
                               : "(第2号様式) 【関係機関用】");
            doc.text(k_left + 10, 26, 14, "人工呼吸器使用に関する情報提供についての同意書", true);
            doc.text(k_left, 35, 10, "豊島区長 殿");
            doc.text(k_left, 42, 10,
                     form == 1 ? "下記について情報を提供します。"
                               : "下記の人工呼吸器使用者について情報提供の同意を得たので、"
                                 "情報を提供します。");
            Flow f(doc, 52);
            f.row("フリガナ", p->name_kana);
            f.row("氏名", p->name);
            f.row("性別", p->sex == Sex::male ? "男" : p->sex == Sex::female ? "女" : "");
            f.row("生年月日", p->birth_date.value_or(""));
            f.row("住所", (p->postal_code.empty() ? "" : "〒" + p->postal_code + " ") + p->address +
                              (p->phone_home.empty() ? "" : "  (TEL " + p->phone_home + ")"));
            f.row("病名", p->disease);
            f.row("療養状況", p->care_situation);
            std::string vent;
            if (p->ventilator_mode)
                vent = p->ventilator_mode == VentilatorMode::tppv ? "TPPV (気管切開)"
                                                                  : "NPPV (マスク使用)";
            if (p->ventilator_hours_per_day) {
                char buf[48];
                std::snprintf(buf, sizeof buf, "  使用時間 %g 時間", *p->ventilator_hours_per_day);
                vent += buf;
            }
            f.row("人工呼吸器", vent);
            f.row("内部バッテリー", hours_text(p->internal_battery, p->internal_battery_h));
            f.row("外部バッテリー", hours_text(p->external_battery, p->external_battery_h));
            f.row("吸引器", "内部バッテリー " + yes_no(p->suction_internal_battery) +
                                "  足踏み式等非電源式 " + yes_no(p->suction_non_electric));
            f.row("蘇生バッグ", yes_no(p->resuscitation_bag));
            std::string others;
            auto add = [&](bool on, const char* n) {
                if (on) others += (others.empty() ? "" : "・") + std::string(n);
            };
            add(p->home_oxygen, "在宅酸素");
            add(p->infusion_pump, "輸液ポンプ");
            add(p->pulse_oximeter, "パルスオキシメーター");
            add(p->low_pressure_suction, "低圧持続吸引機");
            add(p->inhaler, "吸入器");
            add(p->tube_feeding != TubeFeeding::none, "経管栄養");
            add(p->cough_assist, "排痰補助装置");
            f.row("その他医療機器等", others);
            f.skip(6);
            f.para(form == 1 ? "私は、災害時又は緊急時の支援を目的として、上記の情報について"
                               "池袋保健所健康推進課支援計画グループへ提供します。"
                             : "私は、災害時又は緊急時の支援を目的として、上記の情報について"
                               "池袋保健所健康推進課支援計画グループへ提供することに同意します。");
            f.skip(10);
            doc.text(k_left, f.y(), 10, "年　　月　　日");
            doc.text(k_left + 70, f.y(), 10, "署名者氏名 ________________________");
            doc.text(k_left, 285, 7, "登録番号 " + p->external_id + "  登録内容から印刷 (署名用)");
        }
        doc.finish();
        result.pages = doc.pages();
    }
    publish_report(store, temp, output, "forms_1_2",
                   "forms 1 and 2 of " + person_id + " with personal data, for signing");
    result.path = output;
    return result;
}

PaperResult write_invoice(Store& store, const plans::InvoiceTotals& t,
                          const std::filesystem::path& output) {
    const auto temp = temp_path_for(output);
    PaperResult result;
    {
        PdfDocument doc(temp, "請求書 " + t.quarter.text());
        doc.text(k_left, 16, 9, "(第7号様式)");
        doc.text(90, 28, 18, "請 求 書", true);
        doc.text(k_left, 40, 10.5, "豊島区長");
        doc.text(110, 48, 10, "名称  " + t.nurse_station);
        doc.text(k_left, 62, 10,
                 "豊島区在宅人工呼吸器使用者災害時個別支援計画作成事業業務委託に係る料金を"
                 "下記のとおり請求いたします。");
        doc.text(k_left + 20, 76, 16, "¥" + plans::yen(t.total_yen), true);
        doc.text(k_left + 80, 76, 10, "(消費税相当額 " + plans::yen(t.tax_yen) + " 円を含む)");
        const int m1 = t.quarter.q * 3 - 2;
        doc.text(k_left, 86, 10,
                 "ただし " + std::to_string(t.quarter.year) + "年 " + std::to_string(m1) +
                     "月分 ～ " + std::to_string(m1 + 2) + "月分として (" + t.quarter.first_day() +
                     " ～ " + t.quarter.last_day() + ")");
        double y = 100;
        doc.text(k_left, y, 10.5, "〈内訳〉", true);
        y += 8;
        const double cols[] = {k_left, k_left + 18, k_left + 80, k_left + 115, k_left + 135};
        const char* heads[] = {"区分", "項目", "単価", "件数", "金額"};
        for (int i = 0; i < 5; ++i)
            doc.text(cols[i], y, 9.5, heads[i], true);
        doc.line(k_left, y + 2, k_right, y + 2, 0.5);
        y += 8;
        auto row = [&](const char* kind, const char* item, std::int64_t unit, int count) {
            doc.text(cols[0], y, 9.5, kind);
            doc.text(cols[1], y, 9.5, item);
            doc.text(cols[2], y, 9.5, plans::yen(unit) + " 円");
            doc.text(cols[3], y, 9.5, std::to_string(count) + " 件");
            doc.text(cols[4], y, 9.5, plans::yen(unit * count) + " 円");
            y += 7;
        };
        row("新規", "事前準備 計画作成及び対応確認", plans::k_new_plan_yen, t.new_plans);
        row("更新", "計画見直し及び対応確認", plans::k_update_yen, t.updates);
        doc.line(k_left, y - 4, k_right, y - 4, 0.3);
        doc.text(cols[2], y, 9.5, "小計 (税抜)");
        doc.text(cols[4], y, 9.5, plans::yen(t.subtotal_yen) + " 円");
        y += 7;
        doc.text(cols[2], y, 9.5, "消費税 (10%)");
        doc.text(cols[4], y, 9.5, plans::yen(t.tax_yen) + " 円");
        y += 7;
        doc.text(cols[2], y, 9.5, "合計", true);
        doc.text(cols[4], y, 9.5, plans::yen(t.total_yen) + " 円", true);
        y += 10;
        doc.text(k_left, y, 8.5,
                 "※単価には、消費税を含んでいない。件数は計画の経過記録 (第6号の作成・更新) "
                 "から数えた。");
        doc.finish();
        result.pages = doc.pages();
    }
    publish_report(store, temp, output, "invoice",
                   "invoice " + t.quarter.text() + " for " + t.nurse_station + ": " +
                       std::to_string(t.new_plans) + " new, " + std::to_string(t.updates) +
                       " updates");
    result.path = output;
    return result;
}

} // namespace breathline::data::reports
