"""The 国务院部门 that make 规章, by the names their reports are titled with. Pure data: no I/O.

Source: 《中华人民共和国立法法》(2023) 第九十一条 — 国务院各部、委员会、中国人民银行、审计署和具有行政管理职能的
直属机构以及法律规定的机构 make 规章 (部门规章). Listed here, typed by hand from the State Council's organisation
after the 2023 reform (《国务院机构改革方案》, 2023), with the names of 2021–2022 (reports in the national format
of 2021 onwards: RULEMAKING applies only to them):

- the 26 组成部门 (the 部、委员会, 中国人民银行, 审计署) and the 特设机构 国务院国有资产监督管理委员会;
- the 直属机构 with administrative functions (not 国务院参事室);
- 中国证券监督管理委员会 (a 直属机构 since 2023, before a 法律规定的机构 under 《证券法》) and 中国银行保险监督管理
  委员会 (2018–2023, 《银行业监督管理法》, 《保险法》), both of which issued 规章 under their own 令.

The 2023 lists (26 组成部门, 14 直属机构 with 国务院参事室) were checked against a public summary of the 2023
reform (pages corpus: acbl.com.cn/article/11258.html, digipub.cc's article on 总局/总署).

Not listed: the 国家局 run by a ministry (国家林业和草原局 …) and the 直属事业单位, whose 规章 are rare and
joint; an agency of those with 规章 says so with `rulemaking_power: true`. A local branch (国家税务总局淮安市税务局)
is never one of these: only the whole name counts.
"""

from __future__ import annotations

_COMPONENTS = (
    "外交部", "国防部", "国家发展和改革委员会", "教育部", "科学技术部", "工业和信息化部", "国家民族事务委员会", "公安部",
    "国家安全部", "民政部", "司法部", "财政部", "人力资源和社会保障部", "自然资源部", "生态环境部", "住房和城乡建设部",
    "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委员会", "退役军人事务部", "应急管理部",
    "中国人民银行", "审计署",
)
_SPECIAL = ("国务院国有资产监督管理委员会",)
_DIRECT = (
    "海关总署", "国家税务总局", "国家市场监督管理总局", "国家金融监督管理总局", "国家广播电视总局", "国家体育总局",
    "国家信访局", "国家统计局", "国家知识产权局", "国家国际发展合作署", "国家医疗保障局", "国家机关事务管理局",
)
_BY_LAW = ("中国证券监督管理委员会", "中国银行保险监督管理委员会")
# the short names the departments' own sites and titles use
_SHORT = (
    "国家发展改革委", "科技部", "工业和信息化部", "国家民委", "人力资源社会保障部", "住房城乡建设部", "农业农村部",
    "国家卫生健康委", "人民银行", "国务院国资委", "市场监管总局", "金融监管总局", "广电总局", "体育总局",
    "国家医保局", "国管局", "证监会", "银保监会", "中国证监会", "中国银保监会",
)

RULEMAKING_DEPARTMENTS: frozenset[str] = frozenset(_COMPONENTS + _SPECIAL + _DIRECT + _BY_LAW + _SHORT)
