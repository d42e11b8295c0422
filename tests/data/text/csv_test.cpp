#include "data/text/csv.h"

#include <gtest/gtest.h>
#include <sstream>

namespace breathline::text {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvReader, ReadsSimpleRecordsWithLineNumbers) {
    CsvReader reader("id,name\n1,巣鴨\n2,目白\n");
    auto header = reader.next();
    ASSERT_TRUE(header);
    EXPECT_EQ(header->line, 1U);
    EXPECT_EQ(header->fields, (Fields{"id", "name"}));
    auto first = reader.next();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->line, 2U);
    EXPECT_EQ(first->fields, (Fields{"1", "巣鴨"}));
    auto second = reader.next();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->line, 3U);
    EXPECT_FALSE(reader.next());
    EXPECT_FALSE(reader.next());
}

TEST(CsvReader, HandlesCrlfLoneCrAndMissingFinalNewline) {
    const auto records = read_csv("a,b\r\nc,d\re,f");
    ASSERT_EQ(records.size(), 3U);
    EXPECT_EQ(records[0].fields, (Fields{"a", "b"}));
    EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
    EXPECT_EQ(records[1].line, 2U);
    EXPECT_EQ(records[2].fields, (Fields{"e", "f"}));
    EXPECT_EQ(records[2].line, 3U);
}

TEST(CsvReader, StripsBom) {
    const auto records = read_csv("\xEF\xBB\xBFid,name\r\n1,x\r\n");
    ASSERT_EQ(records.size(), 2U);
    EXPECT_EQ(records[0].fields[0], "id");
}

TEST(CsvReader, QuotedFieldsWithCommasQuotesAndNewlines) {
    const std::string text = "id,note,addr\r\n"
                             "1,\"hello, world\",\"巣鴨3-14-1\"\r\n"
                             "2,\"say \"\"hi\"\"\",x\r\n"
                             "3,\"line one\r\nline two\nline three\",y\r\n"
                             "4,\"\",\"\"\"\"\r\n"
                             "5,after,z\r\n";
    const auto records = read_csv(text);
    ASSERT_EQ(records.size(), 6U);
    EXPECT_EQ(records[1].fields, (Fields{"1", "hello, world", "巣鴨3-14-1"}));
    EXPECT_EQ(records[2].fields, (Fields{"2", "say \"hi\"", "x"}));
    EXPECT_EQ(records[3].line, 4U);
    EXPECT_EQ(records[3].fields, (Fields{"3", "line one\r\nline two\nline three", "y"}));
    EXPECT_EQ(records[4].line, 7U); // the quoted field above spans lines 4-6
    EXPECT_EQ(records[4].fields, (Fields{"4", "", "\""}));
    EXPECT_EQ(records[5].line, 8U);
    EXPECT_EQ(records[5].fields, (Fields{"5", "after", "z"}));
}

TEST(CsvReader, EmptyFieldsAndEmptyLines) {
    const auto records = read_csv("a,,c\n\n\r\n,\n,,\nlast,\n");
    ASSERT_EQ(records.size(), 4U);
    EXPECT_EQ(records[0].fields, (Fields{"a", "", "c"}));
    EXPECT_EQ(records[1].line, 4U); // lines 2 and 3 were empty
    EXPECT_EQ(records[1].fields, (Fields{"", ""}));
    EXPECT_EQ(records[2].fields, (Fields{"", "", ""}));
    EXPECT_EQ(records[3].fields, (Fields{"last", ""}));
    EXPECT_TRUE(read_csv("").empty());
    EXPECT_TRUE(read_csv("\xEF\xBB\xBF").empty());
    EXPECT_TRUE(read_csv("\n\r\n").empty());
}

TEST(CsvReader, KeepsStrayQuoteInUnquotedFieldAndSpaces) {
    const auto records = read_csv("5\"2,  spaced  \n");
    ASSERT_EQ(records.size(), 1U);
    EXPECT_EQ(records[0].fields, (Fields{"5\"2", "  spaced  "}));
}

TEST(CsvReader, TabDelimiter) {
    const auto records = read_csv("a\tb,c\t\"d\te\"\n", '\t');
    ASSERT_EQ(records.size(), 1U);
    EXPECT_EQ(records[0].fields, (Fields{"a", "b,c", "d\te"}));
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineItOpened) {
    CsvReader reader("id,note\n1,ok\n2,\"never closed\n3,x\n4,y\n");
    ASSERT_TRUE(reader.next());
    ASSERT_TRUE(reader.next());
    try {
        (void)reader.next();
        FAIL() << "expected CsvError";
    } catch (const CsvError& error) {
        EXPECT_EQ(error.line(), 3U);
        EXPECT_EQ(error.byte_offset(), 15U);
        EXPECT_NE(std::string(error.what()).find("line 3"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("unterminated"), std::string::npos);
    }
}

TEST(CsvReader, UnterminatedQuoteOffsetCountsBom) {
    try {
        (void)read_csv("\xEF\xBB\xBF\"abc");
        FAIL();
    } catch (const CsvError& error) {
        EXPECT_EQ(error.line(), 1U);
        EXPECT_EQ(error.byte_offset(), 3U);
    }
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
    try {
        (void)read_csv("a,b\n\"multi\nline\"x,c\n");
        FAIL();
    } catch (const CsvError& error) {
        EXPECT_EQ(error.line(), 3U);
        EXPECT_NE(std::string(error.what()).find("after closing quote on line 3"),
                  std::string::npos)
            << error.what();
    }
}

TEST(CsvReader, StreamsManyRowsWithCorrectLines) {
    std::string text = "id,value\r\n";
    for (int i = 0; i < 100000; ++i) {
        text += std::to_string(i) + (i % 1000 == 0 ? ",\"multi\r\nline\"\r\n" : ",plain\r\n");
    }
    CsvReader reader(text);
    ASSERT_TRUE(reader.next());
    std::size_t expected_line = 2;
    int count = 0;
    while (auto record = reader.next()) {
        ASSERT_EQ(record->line, expected_line);
        ASSERT_EQ(record->fields[0], std::to_string(count));
        expected_line += (count % 1000 == 0) ? 2 : 1;
        ++count;
    }
    EXPECT_EQ(count, 100000);
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_escape("plain"), "plain");
    EXPECT_EQ(csv_escape("巣鴨3-14-1"), "巣鴨3-14-1");
    EXPECT_EQ(csv_escape(""), "");
    EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_escape("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_escape("cr\r"), "\"cr\r\"");
    EXPECT_EQ(csv_escape(" lead"), "\" lead\"");
    EXPECT_EQ(csv_escape("a\tb"), "a\tb");
    EXPECT_EQ(csv_escape("a\tb", '\t'), "\"a\tb\"");
}

TEST(CsvWriter, WritesCrlfAndOptionalBom) {
    std::ostringstream plain;
    CsvWriter writer(plain);
    writer.write_row({"id", "name"});
    writer.write_row(std::vector<std::string>{"1", "髙橋, ①"});
    EXPECT_EQ(writer.rows_written(), 2U);
    EXPECT_EQ(plain.str(), "id,name\r\n1,\"髙橋, ①\"\r\n");

    std::ostringstream with_bom;
    CsvWriter bom_writer(with_bom, {.bom = true});
    bom_writer.write_row({"a"});
    EXPECT_EQ(with_bom.str(), "\xEF\xBB\xBF"
                              "a\r\n");
}

TEST(CsvWriter, RoundTripsThroughReader) {
    const std::vector<Fields> rows = {
        {"id", "name", "note"},
        {"1", "髙橋 ①", "hello, \"world\""},
        {"2", "", "multi\r\nline\nfield"},
        {""},
        {"3", " padded ", ","},
    };
    std::ostringstream out;
    CsvWriter writer(out, {.bom = true});
    for (const Fields& row : rows)
        writer.write_row(row);
    const std::string text = out.str();
    const auto records = read_csv(text);
    ASSERT_EQ(records.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        EXPECT_EQ(records[i].fields, rows[i]) << i;
    EXPECT_EQ(records[3].line, 6U); // row 2's field spans lines 3-5
}

} // namespace
} // namespace breathline::text
