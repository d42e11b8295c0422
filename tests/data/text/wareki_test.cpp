#include "data/text/wareki.h"

#include <gtest/gtest.h>

namespace breathline::text {
namespace {

// The ISO form of a parse that must succeed, or the failure reason prefixed with "error: ".
std::string iso(std::string_view text) {
    const auto result = parse_date(text);
    return result ? result->to_iso() : "error: " + result.error();
}

// True when parsing fails and the reason contains `fragment`.
::testing::AssertionResult fails_with(std::string_view text, std::string_view fragment) {
    const auto result = parse_date(text);
    if (result) {
        return ::testing::AssertionFailure() << "'" << text << "' parsed as " << result->to_iso();
    }
    if (result.error().find(fragment) == std::string::npos) {
        return ::testing::AssertionFailure() << "'" << text << "' failed with '" << result.error()
                                             << "', expected '" << fragment << "'";
    }
    return ::testing::AssertionSuccess();
}

TEST(Date, CalendarRules) {
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_TRUE(is_leap_year(2000));
    EXPECT_FALSE(is_leap_year(1900));
    EXPECT_FALSE(is_leap_year(2021));
    EXPECT_EQ(days_in_month(2024, 2), 29);
    EXPECT_EQ(days_in_month(2023, 2), 28);
    EXPECT_EQ(days_in_month(2023, 4), 30);
    EXPECT_EQ(days_in_month(2023, 12), 31);
    EXPECT_EQ(days_in_month(2023, 13), 0);
    EXPECT_TRUE(is_valid_date(2024, 2, 29));
    EXPECT_FALSE(is_valid_date(2023, 2, 29));
    EXPECT_FALSE(is_valid_date(0, 1, 1));
    EXPECT_FALSE(is_valid_date(2023, 1, 0));
}

TEST(Date, ToIsoPadsWithZeros) {
    EXPECT_EQ((Date{2021, 4, 1}.to_iso()), "2021-04-01");
    EXPECT_EQ((Date{987, 12, 31}.to_iso()), "0987-12-31");
}

TEST(Date, MakeDateValidates) {
    EXPECT_TRUE(make_date(2024, 2, 29));
    EXPECT_EQ(make_date(2021, 13, 1).error(), "month 13 out of range (1-12)");
    EXPECT_EQ(make_date(2021, 2, 29).error(), "day 29 out of range for 2021-02 (1-28)");
    EXPECT_EQ(make_date(0, 1, 1).error(), "year 0 out of range");
    EXPECT_THROW((void)make_date(2021, 0, 1).value(), std::logic_error);
}

TEST(Date, ComparesChronologically) {
    EXPECT_LT((Date{2019, 4, 30}), (Date{2019, 5, 1}));
    EXPECT_LT((Date{2018, 12, 31}), (Date{2019, 1, 1}));
    EXPECT_EQ((Date{2019, 5, 1}), (Date{2019, 5, 1}));
}

TEST(ParseDate, Gregorian) {
    EXPECT_EQ(iso("2021-04-01"), "2021-04-01");
    EXPECT_EQ(iso("2021/4/1"), "2021-04-01");
    EXPECT_EQ(iso("2021.4.1"), "2021-04-01");
    EXPECT_EQ(iso("20210401"), "2021-04-01");
    EXPECT_EQ(iso("2021年4月1日"), "2021-04-01");
    EXPECT_EQ(iso("2021年 4月 1日"), "2021-04-01");
    EXPECT_EQ(iso("２０２１年４月１日"), "2021-04-01");
    EXPECT_EQ(iso("２０２１／０４／０１"), "2021-04-01");
    EXPECT_EQ(iso("２０２１－０４－０１"), "2021-04-01");
    EXPECT_EQ(iso("二〇二一年四月一日"), "2021-04-01");
    EXPECT_EQ(iso("  2021-04-01　"), "2021-04-01");
    EXPECT_EQ(iso("2024-02-29"), "2024-02-29");
}

TEST(ParseDate, WarekiKanji) {
    EXPECT_EQ(iso("令和3年4月1日"), "2021-04-01");
    EXPECT_EQ(iso("令和元年5月1日"), "2019-05-01");
    EXPECT_EQ(iso("令和1年5月1日"), "2019-05-01");
    EXPECT_EQ(iso("平成31年4月30日"), "2019-04-30");
    EXPECT_EQ(iso("平成元年1月8日"), "1989-01-08");
    EXPECT_EQ(iso("昭和64年1月7日"), "1989-01-07");
    EXPECT_EQ(iso("昭和元年12月25日"), "1926-12-25");
    EXPECT_EQ(iso("昭和55年1月2日"), "1980-01-02");
    EXPECT_EQ(iso("大正15年12月24日"), "1926-12-24");
    EXPECT_EQ(iso("大正元年7月30日"), "1912-07-30");
    EXPECT_EQ(iso("明治45年7月29日"), "1912-07-29");
    EXPECT_EQ(iso("明治元年10月23日"), "1868-10-23");
    EXPECT_EQ(iso("令和３年４月１日"), "2021-04-01");
    EXPECT_EQ(iso("令和 3 年 4 月 1 日"), "2021-04-01");
    EXPECT_EQ(iso("平成三十一年四月三十日"), "2019-04-30");
    EXPECT_EQ(iso("令和2年2月29日"), "2020-02-29");
}

TEST(ParseDate, WarekiSquareGlyphs) {
    EXPECT_EQ(iso("㋿3年4月1日"), "2021-04-01");
    EXPECT_EQ(iso("㍻31年4月30日"), "2019-04-30");
    EXPECT_EQ(iso("㍼55年1月2日"), "1980-01-02");
    EXPECT_EQ(iso("㍽2年1月1日"), "1913-01-01");
    EXPECT_EQ(iso("㍾40年1月1日"), "1907-01-01");
}

TEST(ParseDate, WarekiAbbreviations) {
    EXPECT_EQ(iso("R3.4.1"), "2021-04-01");
    EXPECT_EQ(iso("r3.4.1"), "2021-04-01");
    EXPECT_EQ(iso("R03/04/01"), "2021-04-01");
    EXPECT_EQ(iso("R3-4-1"), "2021-04-01");
    EXPECT_EQ(iso("R3年4月1日"), "2021-04-01");
    EXPECT_EQ(iso("Ｒ３．４．１"), "2021-04-01");
    EXPECT_EQ(iso("R元.5.1"), "2019-05-01");
    EXPECT_EQ(iso("H31.4.30"), "2019-04-30");
    EXPECT_EQ(iso("h1.1.8"), "1989-01-08");
    EXPECT_EQ(iso("S55.1.2"), "1980-01-02");
    EXPECT_EQ(iso("s64.1.7"), "1989-01-07");
    EXPECT_EQ(iso("T15.12.24"), "1926-12-24");
    EXPECT_EQ(iso("t2.3.4"), "1913-03-04");
    EXPECT_EQ(iso("M45.7.29"), "1912-07-29");
    EXPECT_EQ(iso("m44.1.1"), "1911-01-01");
    EXPECT_EQ(iso("R 3.4.1"), "2021-04-01");
}

TEST(ParseDate, EraBoundaries) {
    EXPECT_TRUE(fails_with("令和1年4月30日", "date before era start"));
    EXPECT_TRUE(fails_with("令和元年4月30日", "令和 begins 2019-05-01"));
    EXPECT_TRUE(fails_with("平成31年5月1日", "date after era end"));
    EXPECT_TRUE(fails_with("H31.5.1", "平成 ended 2019-04-30"));
    EXPECT_TRUE(fails_with("平成元年1月7日", "date before era start"));
    EXPECT_TRUE(fails_with("昭和64年1月8日", "date after era end"));
    EXPECT_TRUE(fails_with("昭和元年12月24日", "date before era start"));
    EXPECT_TRUE(fails_with("大正15年12月25日", "date after era end"));
    EXPECT_TRUE(fails_with("大正元年7月29日", "date before era start"));
    EXPECT_TRUE(fails_with("明治45年7月30日", "date after era end"));
    EXPECT_TRUE(fails_with("明治元年1月24日", "date before era start"));
    EXPECT_EQ(iso("明治元年1月25日"), "1868-01-25");
    EXPECT_TRUE(fails_with("平成99年1月1日", "date after era end"));
    EXPECT_TRUE(fails_with("R0.5.1", "era year 0 out of range"));
}

TEST(ParseDate, RejectsInvalidCalendarDates) {
    EXPECT_TRUE(fails_with("2021-13-01", "month 13 out of range"));
    EXPECT_TRUE(fails_with("令和3年13月1日", "month 13 out of range"));
    EXPECT_TRUE(fails_with("2021-00-10", "month 0 out of range"));
    EXPECT_TRUE(fails_with("2021-02-29", "day 29 out of range for 2021-02"));
    EXPECT_TRUE(fails_with("2021-04-31", "day 31 out of range"));
    EXPECT_TRUE(fails_with("2021-04-00", "day 0 out of range"));
    EXPECT_TRUE(fails_with("令和3年2月29日", "day 29 out of range"));
    EXPECT_TRUE(fails_with("1900-02-29", "day 29 out of range"));
    EXPECT_TRUE(fails_with("0000-01-01", "year 0 out of range"));
    EXPECT_TRUE(fails_with("20211301", "month 13 out of range"));
}

TEST(ParseDate, RejectsGarbageWithReasons) {
    EXPECT_TRUE(fails_with("", "empty date"));
    EXPECT_TRUE(fails_with("　 ", "empty date"));
    EXPECT_TRUE(fails_with("天平3年4月1日", "unknown era '天平'"));
    EXPECT_TRUE(fails_with("X3.4.1", "unknown era 'X'"));
    EXPECT_TRUE(fails_with("abc", "unknown era"));
    EXPECT_TRUE(fails_with("不明", "unknown era"));
    EXPECT_TRUE(fails_with("元年4月1日", "needs an era"));
    EXPECT_TRUE(fails_with("21/4/1", "must have 4 digits"));
    EXPECT_TRUE(fails_with("2021", "missing month"));
    EXPECT_TRUE(fails_with("2021/4", "missing day"));
    EXPECT_TRUE(fails_with("2021/4/", "missing day"));
    EXPECT_TRUE(fails_with("2021/4-1", "separators must agree"));
    EXPECT_TRUE(fails_with("2021年4/1", "expected '月'"));
    EXPECT_TRUE(fails_with("2021:4:1", "expected '年'"));
    EXPECT_TRUE(fails_with("2021-04-01 10:00", "unexpected text"));
    EXPECT_TRUE(fails_with("2021年4月1日生", "unexpected text '生'"));
    EXPECT_TRUE(fails_with("R123.4.1", "era year '123' out of range"));
    EXPECT_TRUE(fails_with("\xFF", "invalid UTF-8"));
    EXPECT_TRUE(fails_with("\x97\xDF\x98\x61", "invalid UTF-8")); // 令和 in CP932
}

TEST(ToWareki, WritesEraDates) {
    EXPECT_EQ(to_wareki({2021, 4, 1}), "令和3年4月1日");
    EXPECT_EQ(to_wareki({2019, 5, 1}), "令和元年5月1日");
    EXPECT_EQ(to_wareki({2019, 4, 30}), "平成31年4月30日");
    EXPECT_EQ(to_wareki({1989, 1, 7}), "昭和64年1月7日");
    EXPECT_EQ(to_wareki({1989, 1, 8}), "平成元年1月8日");
    EXPECT_EQ(to_wareki({1926, 12, 24}), "大正15年12月24日");
    EXPECT_EQ(to_wareki({1912, 7, 29}), "明治45年7月29日");
    EXPECT_FALSE(to_wareki({1868, 1, 24}));
    EXPECT_FALSE(to_wareki({2021, 2, 29}));
}

TEST(ToWareki, RoundTripsEveryDayFrom1868) {
    // Every day of every era: to_wareki then parse_date returns the same date.
    int checked = 0;
    for (int year = 1868; year <= 2040; ++year) {
        for (int month = 1; month <= 12; ++month) {
            for (int day = 1; day <= days_in_month(year, month); ++day) {
                const Date date{year, month, day};
                const auto wareki = to_wareki(date);
                if (!wareki) continue;
                const auto parsed = parse_date(*wareki);
                ASSERT_TRUE(parsed) << *wareki << ": " << parsed.error();
                ASSERT_EQ(*parsed, date) << *wareki;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 62000);
}

TEST(Eras, TableIsContiguous) {
    const auto table = eras();
    ASSERT_EQ(table.size(), 5U);
    EXPECT_EQ(table.front().name, "明治");
    EXPECT_EQ(table.back().name, "令和");
    EXPECT_FALSE(table.back().last_day);
    for (std::size_t i = 0; i + 1 < table.size(); ++i) {
        ASSERT_TRUE(table[i].last_day);
        const Date last = *table[i].last_day;
        const Date next = table[i + 1].first_day;
        // The next era starts the day after this one ends.
        const Date expected = last.day < days_in_month(last.year, last.month)
                                  ? Date{last.year, last.month, last.day + 1}
                              : last.month < 12 ? Date{last.year, last.month + 1, 1}
                                                : Date{last.year + 1, 1, 1};
        EXPECT_EQ(next, expected) << table[i + 1].name;
    }
}

} // namespace
} // namespace breathline::text
