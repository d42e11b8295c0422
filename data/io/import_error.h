#pragma once
/// A whole-file import failure with its message in both languages. It is a
/// DataError(import_failed) whose what() is the English text, so callers that only know
/// DataError still get a complete message; the CLI shows message_ja() in Japanese mode.

#include "data/error.h"

#include <string>

namespace breathline::data {

class ImportError : public DataError {
public:
    /// Both messages should name the file, the line or feature where known, the value and what
    /// to do about it.
    ImportError(std::string message_ja, const std::string& message_en)
        : DataError(ErrorCode::import_failed, message_en), m_ja(std::move(message_ja)) {}
    /// The Japanese message.
    const std::string& message_ja() const { return m_ja; }

private:
    std::string m_ja;
};

} // namespace breathline::data
