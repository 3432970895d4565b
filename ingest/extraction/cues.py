"""The words that signal what a sentence says about an exchange, in en/uk/ru.

Each cue is one precompiled, bounded pattern (no nested unbounded repetition)
so that a sentence is checked in linear time. Stems rather than full forms
cover Ukrainian and Russian inflection.
"""

from __future__ import annotations

import functools
import re

from ingest.extraction.firstchars import compile_fast
from ingest.extraction.lexicon import bounded, words
from ingest.extraction.types import MediatorName


def lowercase(text: str) -> str:
    """`text` in lower case with every character at its original offset.

    Patterns here are compiled in lower case without IGNORECASE: case-folding
    Cyrillic alternations at every position is several times slower.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def _compile(pattern: str) -> re.Pattern:
    # Lower-case the pattern's letters but not its escapes (\W must stay \W).
    lowered = re.sub(
        r"\\.|[^\\]+", lambda m: m.group() if m.group()[0] == "\\" else m.group().lower(), pattern
    )
    return compile_fast(lowered.replace("(?<![\\w])", "\\b"))


compile_cue = _compile


def any_of(*patterns: re.Pattern) -> str:
    """One alternation of several cues, to compile or to embed in a larger pattern."""
    return "|".join(f"(?:{p.pattern})" for p in patterns)


# Names of institutions that contain "prisoners of war" but say nothing about
# what kind of exchange a sentence reports; masked before the kind is judged.
INSTITUTION = _compile(
    r"Coordination\s+(?:Headquarters|HQ|Staff|Center|Centre)(?:\s+for\s+the\s+Treatment\s+of\s+"
    r"(?:Prisoners\s+of\s+War|POWs))?|Координаційн\w*\s+штаб\w*(?:\s+з\s+питань\s+поводження\s+з\s+"
    r"військовополоненими)?|Координационн\w*\s+штаб\w*(?:\s+по\s+вопросам\s+обращения\s+с\s+"
    r"военнопленными)?|Коордштаб\w*|(?:Coordination\s+)?Headquarters\s+for\s+the\s+Treatment\s+of\s+"
    r"(?:Prisoners\s+of\s+War|POWs)"
)

# A noun that names an exchange of one kind or another.
EXCHANGE_NOUN = _compile(
    # English only: "exchange of fire", "exchanged views" (see the lexicon's reason).
    bounded("exchange_noun") + rf"(?!\s+(?:of\s+)?{words('not_exchanged_object')}\b)"
)
# "150 for 150", "1,000-for-38", "twenty-five for twenty-five": a swap's formula names it.
PAIR = _compile(
    r"(?<![\w])(?:\d[\d,. ]{0,8}\s*-?\s*(?:for|на|против)\s*-?\s*\d|"
    r"(?!all\b|всі|все)([^\W\d_][\w'’-]{2,20})\s*-?\s*(?:for|на|против)\s*-?\s*\1(?![\w]))"
)
EXCHANGE_NOUN_PLURAL = _compile(bounded("exchange_noun_plural"))
# A verb (or participle) that moves people from one side to the other.
TRANSFER_VERB = _compile(bounded("transfer_verb"))
# "to be swapped", "will be returned" are plans, not past events.
PAST_TRANSFER = _compile(
    r"(?<![\w])(?<!be\s)(?<!being\s)(?:exchanged|swapped|returned|repatriated|handed\s+(?:over|back)|transferred|"
    r"released|freed|came\s+home|brought\s+(?:back\s+)?home|received|took\s+place|"
    r"carried\s+out|completed|conducted|were\s+(?:released|freed|exchanged|returned|"
    r"repatriated|transferred|brought)|has\s+(?:been\s+)?(?:completed|returned|received|"
    r"handed)|have\s+(?:been\s+)?(?:returned|released|freed|exchanged|swapped)|"
    r"обміняли\w*|обмінялися|повернул\w*|повернуто|передал\w*|передано|звільнил\w*|"
    r"звільнено|відбув\w*|провели|обменял\w*|вернул\w*|возвращен\w*|возвращены|передан[ыо]?|"
    r"освобожден\w*|состоял\w*|прошел|прошёл|получил\w*|отримал\w*)(?![\w])"
    # "Вдалося повернути", "managed to return": told as achieved, so done.
    + "|"
    + bounded("managed_to_return")
)

BODY = _compile(bounded("body_noun"))
MILITARY = _compile(bounded("military_noun"))
# "25 жителей Курской области", "мешканців Курщини": residents, not soldiers.
CIVILIAN = _compile(bounded("civilian_noun"))
CAPTIVITY = _compile(bounded("captivity_noun"))

# Nouns a count can stand in front of ("390 Ukrainians", "84 захисників").
PERSON_NOUN = _compile(
    r"(?:prisoners?|POWs?|captives|soldiers?|servicem[ae]n|servicewomen|service\s*members?|"
    r"service\s*personnel|personnel|military|troops|fighters|defenders|marines|civilians?|"
    r"people|persons|individuals|Ukrainians|Russians|citizens|nationals|children|women|men|"
    r"bodies|body|remains|sailors|border\s+guards|guardsmen|medics|detainees|officers|"
    r"captured|wounded|injured|fallen|dead|"
    r"військовополонен\w*|військов\w*|полонен\w*|українц\w*|українок|захисник\w*|захисниц\w*|"
    r"оборонц\w*|цивільн\w*|людей|людини|люди|особ\w*|бійц\w*|воїн\w*|громадян\w*|тіл[ао]?|"
    r"загибл\w*|полеглих|солдат\w*|військовослужбовц\w*|моряк\w*|прикордонник\w*|нацгвардійц\w*|"
    r"дітей|жінок|поранен\w*|росіян\w*|военнопленн\w*|военнослужащ\w*|военн\w*|пленн\w*|"
    r"человек\w*|украинц\w*|россиян\w*|бойц\w*|тел[ао]?|погибш\w*|мирн\w*|гражданск\w*|"
    r"граждан\w*|ранен\w*|детей|женщин|residents|чоловік\w*|жінки|мужчин\w*|женщины|жител\w*|мешканц\w*)(?![\w])"
)

# Which side a group of people belongs to, named right after the count.
UKRAINIAN_PEOPLE = _compile(
    # "Ukrainian-held territory" names a place, not people.
    bounded("ukrainian_people") + r"(?!-(?:held|controlled|occupied|run))"
)
RUSSIAN_PEOPLE = _compile(bounded("russian_people") + r"(?!-(?:held|controlled|occupied|run))")
UKRAINE_ACTOR = _compile(bounded("ukraine_actor"))
RUSSIA_ACTOR = _compile(bounded("russia_actor"))
GIVER_VERB = _compile(
    r"(?<![\w])(?:hand(?:ed|s|ing)?\s+(?:over|back)|transferr?\w*|return(?:ed|s|ing)?|"
    r"releas\w*|free[ds]?|sent|sends|gave|gives|adds|added|повернул\w*|вернул\w*|передал\w*|переда[єю]|передасть|віддал\w*|"
    r"звільнил\w*|освободил\w*|отдал\w*|передаст)(?![\w])"
)
RECEIVER_VERB = _compile(
    r"(?<![\w])(?:receiv\w*|got|gets|get\s+back|took\s+back|repatriat\w*|recover\w*|"
    r"brought\s+(?:back\s+)?home|brings?\s+(?:back\s+)?home|bringing\s+(?:back\s+)?home|"
    r"brought\s+back|brings?\s+back|bringing\s+back|"
    r"отримал\w*|отрима[єв]|получил\w*|повернул\w*\s+додому|вернул\w*\s+домой)"
    r"(?![\w])"
)
# "Ukraine returned 1,000 bodies" reads as giving in English; in Ukrainian,
# "Україна повернула" is bringing one's own people back.
RETURN_VERB_SLAVIC = _compile(bounded("returned_own"))
# The words are the lexicon's (`to_ukraine`, `to_russia`); kept here are the shapes
# around them: "Ukrainian-held territory", and the dative next to a handing-over verb
# ("Украине передали 1000 тел"; "в Украине" is "in", not "to").
TO_UKRAINE = _compile(
    rf"(?<![\w])(?:{words('to_ukraine')}|"
    r"(?:back\s+)?in(?:to)?\s+(?:ukrainian|government|kyiv)[\s-](?:held|controlled)\s+territor\w*|"
    r"(?<!в\s)(?<!на\s)(?:украине|україні)\s+(?:передал\w*|передан\w*|вернул\w*|передав\w*|"
    r"повернул\w*|повернут\w*)|(?:передал\w*|передан\w*|вернул\w*|передав\w*|повернул\w*)\s+"
    r"(?:украине|україні))(?![\w])"
)
TO_RUSSIA = _compile(
    rf"(?<![\w])(?:{words('to_russia')}|"
    r"с\s+подконтрольной\s+\w+(?:\s+\w+)?\s+территории|"
    r"from\s+ukrainian[\s-](?:held|controlled)\s+territor\w*|"
    r"(?<!в\s)(?<!из\s)(?<!з\s)(?:россии|росії)\s+(?:передал\w*|передан\w*|вернул\w*|передав\w*|повернул\w*)|"
    r"(?:передал\w*|передан\w*|вернул\w*|передав\w*|повернул\w*)\s+(?:россии|росії))(?![\w])"
)
# "home", "our people": the side depends on who writes; see `home_side`.
HOME = _compile(bounded("home"))

EACH_AFTER = _compile(bounded("each_side"))
EACH_BEFORE = _compile(r"(?<![\w])(?:each(?!\s+of)|each\s+side|по)(?![\w])")
# Between two counts: "1,000-for-1,000", "1,000 bodies for 38", "84 на 84".
FOR_BETWEEN = _compile(
    r"\s*(?:[^\W\d_]+\s+){0,4}?(?:-?\s*for\s*-?|in\s+exchange\s+for|in\s+return\s+for|"
    r"в\s+обмін\s+на|в\s+обмен\s+на|на)\s*"
)
SUM_WORDS = _compile(bounded("sum_word"))
SUBSET_BEFORE = _compile(
    r"(?<![\w])(?:including|among\s+them|of\s+whom|of\s+them|of\s+which|"
    r"у\s+тому\s+числі|в\s+тому\s+числі|серед\s+них|з\s+них|зокрема|в\s+том\s+числе|"
    r"среди\s+них|из\s+них|включая)\s+(?:[^\W\d_]+\s+){0,2}$"
)
# A figure given as the whole: "302 in all", "a total of 152", "загалом 84".
TOTAL_BEFORE = _compile(rf"(?<![\w]){words('total_before')}\W{{0,3}}$")
# A figure for one more group of a staged exchange: "307 more", "another 300", "ще 300".
MORE_AFTER = _compile(rf"\s*{words('more_after')}(?![\w])")
# Words that add one group to another within a side: "175 each, and Moscow separately
# handed over 22 wounded", "157 servicemen, along with three civilians".
JOINING = _compile(bounded("joining"))
ADDITION = _compile(
    rf"(?<![\w])(?:{words('addition')}|"
    # "in a second, separate step": a shape with its own commas, kept here.
    r"in\s+a\s+(?:second|further|separate|third)[\s,]+"
    r"(?:separate\s+)?(?:step|move|group|batch|round))(?![\w])"
)
# A count followed by a unit is an age, a duration or a price, never people.
UNIT_AFTER = _compile(
    r"\s*(?:%|percent|-?\s*(?:years?|months?|weeks?|days?|hours?|year-old|km|"
    r"kilomet\w*|miles?|років|роки|рік|року|місяц\w*|днів|дні|день|дня|тижн\w*|годин\w*|лет|"
    r"года?|месяц\w*|дней|недел\w*|час\w*|грн|гривень|рублей|доларів|долларов|dollars?|euros?|"
    r"USD|EUR|UAH|км)(?![\w]))"
)

# The figure counts something other than an exchange: people held, missing, killed.
NOT_RETURNED = _compile(
    r"(?<![\w])(?:detained|held\s+(?:in|by)|remain(?:s|ing)?\s+in\s+(?:russian\s+)?captivity|"
    r"still\s+in\s+captivity|are\s+(?:still\s+)?in\s+captivity|missing|"
    r"died|deaths|casualt\w*|losses|lost|утриму\w*|"
    r"перебува\w*\s+в\s+полоні|зникл\w*|загинул\w*|"
    r"удержива\w*|остаются\s+в\s+плену|пропавш\w*|убит\w*|"
    r"потери|втрати|carrying|being\s+(?:flown|carried|transported))(?![\w])"
)

# The months as "of" a day names them ("з 5 березня", "с 5 марта"); dates.py reads dates,
# these only mark where a count so far starts or stands.
_MONTHS_OF_UK = (
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
)
_MONTHS_OF_RU = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"

# Running totals across many exchanges: never an event.
CUMULATIVE = _compile(
    r"(?<![\w])(?:since\s+(?:the\s+)?(?:start|beginning|outbreak|onset)|since\s+(?:the\s+|"
    r"russia['’]s\s+|moscow['’]s\s+)?(?:full[\s-]scale\s+)?(?:invasion|war|aggression)|"
    # "since Moscow launched its full-scale invasion"
    r"since\s+(?:russia|moscow|the\s+kremlin)\s+(?:launched|began|started)\s+(?:its|the)\s+"
    r"(?:full[\s-]scale\s+)?(?:invasion|war)|"
    r"since\s+(?:19|20)\d\d|since\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)|since\s+(?:late|early|mid)|so\s+far|to\s+date|"
    r"throughout\s+the\s+war|in\s+(?:all\s+)?(?:previous|"
    r"past|the\s+\d+|\d{1,3}\s+(?:earlier|previous|prior|other))\s+(?:exchanges|swaps)|(?:in|over|across)\s+(?:several|multiple|a\s+series\s+of|"
    r"two|three|four|five|\d{1,2})\s+(?:days\s+of\s+)?(?:separate\s+)?(?:transfers|handovers|operations|"
    r"repatriations)|(?:through|in|during|via)\s+(?:such\s+|these\s+|earlier\s+|prior\s+|"
    r"previous\s+|all\s+|prisoner\s+|past\s+|\d{1,3}\s+)*(?:exchanges|swaps)|(?:has|have)\s+already|"
    r"з\s+початку|від\s+початку|за\s+весь\s+час|"
    r"(?:загалом|усього|всього|всего|итого)\s+за\s+(?:два|дві|три)\s+дн\w*|"
    rf"з\s+(?:19|20)\d\d|з\s+(?:{_MONTHS_OF_UK})|с\s+(?:{_MONTHS_OF_RU})|"
    # "станом на 7 серпня", "по состоянию на", "as of", "к середине сентября": a count so far
    r"станом\s+на|по\s+состоянию\s+на|as\s+of|к\s+(?:середине|концу|началу)|"
    r"by\s+(?:the\s+)?(?:middle|end)\s+of|"
    r"вже\s+поверн\w*|уже\s+верн\w*|уже\s+(?:был[иоа]?\s+)?(?:передан\w*|"
    r"возвращен\w*|получ\w*)|вже\s+(?:бул[иоа]?\s+)?(?:передан\w*|повернут\w*|отрима\w*)|уже\s+удалось|вже\s+вдалося|с\s+начала|"
    r"в\s+ходе\s+(?:всех\s+)?обменов|"
    r"с\s+(?:19|20)\d\d\s+года|начиная\s+с)(?![\w])"
)
# "the largest swap since the invasion" ranks one exchange; it is not a total.
RANKING_BEFORE = _compile(
    r"(?:largest|biggest|first|only|latest|most|\d+(?:st|nd|rd|th)|of\s+its\s+kind|"
    r"найбільш\w*|перш\w*|крупнейш\w*|самы\w*|перв\w*|наймасштабн\w*|масштабн\w*)\W+"
    r"(?:[\w'’-]+\W+){0,8}$"
)
# "soldiers held since 2022": how long they were held, not a running total.
HELD_BEFORE = _compile(
    r"(?<![\w])(?:held|captured|detained|abducted|stuck|"
    r"stranded|утриму\w*|утримувал\w*|удержива\w*|захоплен\w*|захвачен\w*)\W+"
    r"(?:[\w'’-]+\W+){0,3}$"
)

# An exchange under way right now.
UNDER_WAY = _compile(
    r"(?<![\w])(?:underway|under\s+way|in\s+progress|still\s+(?:\w+\s+){0,2}?(?:ongoing|unfolding)|"
    r"(?:is|was|remains?|are)\s+(?:\w+\s+){0,2}?(?:ongoing|unfolding)|триває|продолжается)(?![\w])"
)
# An exchange that will take more time: weaker than a plan's own wording
# ("expected to swap 1,000 each over the weekend" is a plan).
TAKES_DAYS = _compile(
    r"(?<![\w])(?:(?:several|a\s+few|few|multiple|two|three|four|coming)\s+days|over\s+the\s+"
    r"(?:weekend|coming\s+days)|кілька\s+днів|триватиме|"
    r"продолжится)(?![\w])"
)
# "Moscow said 65 prisoners were on board the Il-76 that crashed": people said to be
# carried on a plane, not people exchanged.
ON_A_PLANE = _compile(bounded("on_a_plane"))
CARRIED = _compile(bounded("carried"))
# "began"/"started" only when the exchange is what began.
STARTED = _compile(
    r"(?<![\w])(?:exchange|swap|обмін|обмен)\W+(?:(?!since\b|after\b|when\b|as\b|before\b|з\b|с\b|"
    r"після\b|после\b)[\w'’-]+\W+){0,5}?(?:began|begun|started|"
    r"starts|begins|kicked\s+off|commenced|got\s+under\s+way|розпочав\w*|почав\w*|стартував|"
    r"начал\w*|стартовал)(?![\w])|(?<![\w])(?:began|started|kicked\s+off|kick\s+off|kicks\s+off|"
    r"commenced|launched|begin|start|розпочал\w*|почал\w*|начал\w*|стартовал\w*)\W+"
    r"(?:[\w'’-]+\W+){0,8}?(?:exchange|swap|обмін\w*|обмен\w*)(?![\w])"
)
STAGE = _compile(
    r"(?<![\w])(?:(?:first|second|third|fourth|fifth|initial|opening|next|final|last)\s+"
    r"(?:stage|phase|part|batch|leg|tranche|group)|stage\s+of\s+(?:the|this|a)\s+(?:\w+\s+){0,2}?(?:exchange|swap)|"
    r"(?:перш|друг|трет|четверт|наступн|заключн|фінальн|останн)\w*\s+(?:етап\w*|частин\w*)|"
    r"(?:перв|втор|трет|четверт|следующ|заключительн|финальн|последн)\w*\s+(?:этап\w*|"
    r"част\w*)|етап\w*\s+обмін\w*|этап\w*\s+обмен\w*)(?![\w])"
)
# The whole exchange is over: "completed the prisoner exchange", "as the exchange
# ends", "the final stage". ("The first stage is complete" is not.)
FINISHED = _compile(
    r"(?<![\w])(?:(?:completed|concluded|finished|ended|завершил\w*|завершили|закінчили|"
    r"завершено)\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:exchange|swap|обмін\w*|"
    r"обмен\w*)|(?:exchange|swap|обмін|обмен)\w*\s+(?:[\w-]+\s+){0,2}?(?:ends|ended|concluded|"
    r"is\s+over|was\s+completed|has\s+been\s+completed|завершено|завершився|завершился|"
    r"завершен)|(?:final|last|заключн\w*|останн\w*|фінальн\w*|финальн\w*|последн\w*)\s+"
    r"(?:stage|phase|group|batch|tranche|етап\w*|этап\w*|груп\w*))(?![\w])"
)
# "The first part of the exchange is complete": a stage, not the whole, is over.
EARLY_STAGE = _compile(
    r"(?<![\w])(?:first|second|third|initial|opening|перш\w*|друг\w*|перв\w*|втор\w*)\s+"
    r"(?:stage|phase|part|day|етап\w*|частин\w*|этап\w*|част\w*|день|дня)(?![\w])"
)
# Work towards an exchange is no exchange under way: "work on the next swap has begun".
WORK_ON = _compile(
    r"(?<![\w])(?:(?:work|efforts?|preparations?)(?:\s+[\w-]+){0,3}?\s+(?:on|for|towards?)|"
    r"робот\w*\s+(?:над|з|із|щодо)|работ\w*\s+(?:над|по))(?![\w])"
)
AGREED = _compile(
    rf"(?<![\w])(?:{words('plan_marker')}|"
    # English only: English tells a plan with its grammar (future, modal, "to be …"),
    # which is syntax around a verb rather than a word; Ukrainian and Russian put it in
    # the verb's form, which the lexicon lists.
    r"will\s+(?:be\s+)?(?:exchange|swap|release|return|"
    r"hand|free|transfer|take\s+place|happen|receive)\w*|would\s+(?:each\s+)?(?:exchange|swap|"
    r"release|return|free|hand|transfer|take\s+place|receive)\w*|to\s+be\s+(?:exchanged|swapped|"
    r"released|returned|handed|freed|transferred)|set\s+to\s+(?:release|exchange|swap|free|"
    r"return|hand|take)|expected\s+to\s+(?:swap|exchange|"
    r"release|return|take\s+place|happen|free|hand|be)|due\s+to\s+(?:take|be|swap|exchange)|"
    r"prepar\w+\s+(?:for|to)|(?:is|are|was|were)\s+to\s+(?:be\s+)?"
    r"(?:release|free|exchange|swap|return|hand|cross|released|freed|returned))(?![\w])"
)
# Talk about an exchange that nobody has carried out or agreed to.
UNREAL = _compile(
    rf"(?<![\w])(?:{words('unreal')}|"
    # English only: a negated exchange ("no new swaps", "has not yet taken place").
    r"no\s+(?:new\s+)?(?:exchange|swap)s?)"
    r"(?![\w])"
)
# Words before a date that make it the date of talks or a deal, not of an exchange.
TALKS_BEFORE = _compile(bounded("talks") + r"[^,;.]{0,40}$")
# The day of the event told just before: "on the same day", "that day".
SAME_DAY = _compile(
    # "Тоді", "back then" name the time just told only at the sentence's start.
    rf"(?<![\w])(?:{words('same_day')}|^\W*{words('back_then')})(?![\w])"
)
# The other side's count given as the one just told: "Russia got the same number back".
SAME_NUMBER = _compile(bounded("same_number"))
# This mention is about another, earlier event than the one around it.
SEPARATE = _compile(
    # "in a separate step" adds to this event (see ADDITION); it is no other event.
    bounded("separate_event") + r"(?!\s+(?:step|move|group|batch|round)\b)"
)

ORDINAL = _compile(
    r"(?<![\w])(\d{1,3})(?:st|nd|rd|th|-?(?:й|ий|ій|го|му|м|е|ого|ому))\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:exchange|swap|prisoner\s+exchange|of\s+its\s+kind|such\s+(?:exchange|swap)|обмін\w*|"
    r"обмен\w*)(?![\w])"
)

MEDIATION = _compile(bounded("mediation"))
GUESS = _compile(bounded("guess"))

REPORTING = _compile(bounded("reporting_verb"))
SPEAKERS: list[tuple[re.Pattern, str]] = [
    (INSTITUTION, "Ukraine's Coordination Headquarters"),
    (
        _compile(
            r"(?<![\w])(?:(?:russia['’]s|russian)\s+(?:ministry\s+of\s+defen[cs]e|"
            r"defen[cs]e\s+ministry|MoD)|ministry\s+of\s+defen[cs]e\s+of\s+(?:the\s+)?russia\w*|"
            r"минобороны|міноборони\s+(?:росії|рф)|министерств\w*\s+обороны\s+(?:россии|рф))"
            r"(?![\w])"
        ),
        "Russia's Ministry of Defence",
    ),  # fmt: skip
    (
        _compile(
            r"(?<![\w])(?:zelensk\w*|ukrainian\s+president|president\s+of\s+ukraine|"
            r"зеленськ\w*|зеленск\w*|президент\w*\s+україни|президент\w*\s+украины)(?![\w])"
        ),
        "the Ukrainian president",
    ),  # fmt: skip
    (
        _compile(
            r"(?<![\w])(?:lubinets|лубінец\w*|лубинец\w*|ukrainian\s+ombudsman|"
            r"омбудсман\w*\s+україни)(?![\w])"
        ),
        "Ukraine's ombudsman",
    ),  # fmt: skip
    (_compile(r"(?<![\w])(?:moskalkova|москальков\w*)(?![\w])"), "Russia's ombudsman"),
    (
        _compile(r"(?<![\w])(?:budanov|буданов\w*|ГУР|HUR|GUR|defen[cs]e\s+intelligence)(?![\w])"),
        "Ukraine's military intelligence",
    ),  # fmt: skip
    (
        _compile(r"(?<![\w])(?:yermak|єрмак\w*|ермак\w*)(?![\w])"),
        "the Ukrainian president's office",
    ),  # fmt: skip
]


# Whose side gave a figure: Kyiv's officials count the people who came home to
# Ukraine, Moscow's the people returned to Russia.
UKRAINIAN_VOICE = _compile(bounded("ukrainian_voice"))
RUSSIAN_VOICE = _compile(bounded("russian_voice"))


@functools.lru_cache(maxsize=32)
def mediator_patterns(mediators: tuple[MediatorName, ...]) -> list[tuple[str, re.Pattern]]:
    """One pattern per mediator over its name and aliases (case-sensitive: "US" is not "us").

    Cached: every article of an ingest run passes the same list, and compiling it costs
    more than matching it."""
    patterns = []
    for mediator in mediators:
        names = sorted({mediator.name, *mediator.aliases}, key=len, reverse=True)
        # "Об'єднаних" is written with ’ or ʼ as often as with '.
        alternatives = "|".join(re.escape(name).replace("'", "['’ʼ]") for name in names if name)
        # The first letters are checked before the look-behind: most positions fail at once.
        first = "".join(sorted({re.escape(name[0]) for name in names if name}))
        patterns.append(
            (mediator.name, re.compile(rf"(?=[{first}])(?<![\w.])(?:{alternatives})(?![\w])"))
        )
    return patterns


HOME_SIDE = {"en": "to_ukraine", "uk": "to_ukraine", "ru": "to_russia"}


def home_side(language: str) -> str:
    """Whose side "home" and "our people" mean for an outlet writing in `language`."""
    return HOME_SIDE.get(language, "to_ukraine")


# Running totals (concept: running total) counted "as of" a point in time in a sentence
# that says how many were brought back: "на 6 березня вдалося повернути", "на початок
# червня вдалось повернути". The point alone ("в ночь на 1 февраля") says nothing.
AS_OF_POINT = _compile(
    rf"(?<![\w])на\s+(?:початок|кінець|\d{{1,2}}\s+(?:{_MONTHS_OF_UK}|{_MONTHS_OF_RU}))(?![\w])"
)
MANAGED_VERB = _compile(bounded("managed_verb"))
# Intent (concept: unreal exchange, see UNREAL): a side "wants" to take people back.
WANTS = _compile(bounded("wants"))
# Running totals (concept: running total) over many exchanges: "в ході обмінів" (the
# other spelling of "у ході обмінів"), "у межах 53 обмінів".
OVER_ALL_EXCHANGES = _compile(
    r"(?<![\w])(?:в\s+ході\s+обмінів|(?:в|у)\s+(?:межах|ході)\s+\d{1,3}\s+обмін\w*)(?![\w])"
)
