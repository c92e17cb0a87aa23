"""User-visible wording of the search capability, Chinese and English side by side."""
from __future__ import annotations

from ckanext.govopen.lib.texts import Texts

TEXTS = Texts({
    "err.text": ("同义词须为文本", "Synonyms must be text"),
    "err.too_long": ("同义词文本过长（最多 {limit} 个字符）",
                     "The synonyms text is too long (at most {limit} characters)"),
    "err.line": ("第 {line} 行：{problem}", "Line {line}: {problem}"),
    "err.no_file": ("未配置同义词文件（ckanext.govopen.search.synonyms_file），无法保存",
                    ("No synonyms file is configured (ckanext.govopen.search.synonyms_file); "
                     "nothing can be saved")),
    "problem.arrows": ("“=>”只能出现一次", "more than one '=>'"),
    "problem.sides": ("“=>”两边都要有词", "'=>' needs words on both sides"),
    "problem.words": ("每行至少两个词，用英文逗号分隔",
                      "a line needs at least two words separated by ','"),
    "saved": ("已保存，新的同义词几秒内对搜索生效，无需重建索引",
              "Saved: the new synonyms apply to searches within seconds, without a reindex"),
})
