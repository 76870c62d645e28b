//! What loading found wrong in a file: a [`Problem`] names the file, line, column and field,
//! and says in French what to change. Built with [`Problem::error`] or [`Problem::warning`],
//! then [`Problem::column`] and [`Problem::field`] where they are known. Used by every reader
//! of a file (catalogues, hours, job titles), so it sits at the bottom of the layers.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row, or a value in it, was not used.
    Error,
    /// Used, but worth a look.
    Warning,
}

/// One thing to change in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based line of the CSV (the header is line 1), or entry number in a JSON list.
    pub line: usize,
    /// 1-based column, when the problem is in one cell.
    pub column: Option<usize>,
    /// The column's name as the contract spells it.
    pub field: Option<String>,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    /// An error on a line of `file`: the row, or the value, was not used.
    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Problem {
        Problem::new(file, line, Severity::Error, message)
    }

    /// A warning on a line of `file`: used, but worth a look.
    pub fn warning(file: &str, line: usize, message: impl Into<String>) -> Problem {
        Problem::new(file, line, Severity::Warning, message)
    }

    /// A problem of the given severity on a line of `file`, in no one cell.
    pub fn new(file: &str, line: usize, severity: Severity, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            column: None,
            field: None,
            severity,
            message: message.into(),
        }
    }

    /// In this 1-based column; `0` or `None` means no one column (JSON entries have none).
    pub fn column(mut self, column: impl Into<Option<usize>>) -> Problem {
        self.column = column.into().filter(|&c| c > 0);
        self
    }

    /// About this field, named as the contract spells it.
    pub fn field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }

    /// About this field when there is one.
    pub fn field_opt(mut self, field: Option<&str>) -> Problem {
        self.field = field.map(str::to_string);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: ",
            self.file,
            self.line,
            self.column.unwrap_or(0)
        )?;
        if self.severity == Severity::Warning {
            write!(f, "attention : ")?;
        }
        write!(f, "{}", self.message)
    }
}
