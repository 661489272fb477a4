"""What a careful person says about each real tweet of the corpus (see ``tests.rules.corpus``).

Labelled by reading every tweet in its situation, before any rule was tuned
on them. ``FIRE`` lists, per tweet id, the rules a careful coach would raise
on it, with the reason; every rule not listed for a tweet should stay quiet
on it. ``QUIET`` gives the reason where staying quiet is not obvious (a
quotation that is a title, a tweet on a conference day that needs no
hashtag …). Tweets in neither are plain: no rule has anything to say.

The rules' words, as the labels read them:

* CTX001: a post about the conference, made on its days, for everyone (not a
  reply, not a message to a few people) should carry its hashtag.
* CTX003: a post about the session that is on should say whose talk it is (a
  speaker posting about their own talk need not name themselves).
* CTX004: a quotation of someone's words should say whose words they are.
  Titles (of talks, posts, assignments, videos), terms, scare quotes,
  invented or example speech, and the words of a retweeted post are not
  such quotations.
* CTX005: a link with nothing said about what it is.
* CTX006: a first post about a session should say which session it is.
* FLW001: a second post about the session that is on should continue the
  thread of the first.
* FLW002: a post that repeats one of the author's own from the last hours.
* FLW003: more hashtags than the words carry.
* GDE005: the first post with the event's hashtag of the author's day (in
  the event's time zone), with no heads-up ("I'll be posting from #EVENT
  today …") before it that day.
* GDE006: more than 5 posts (the setting's default) in 10 minutes: the
  draft is the sixth or later; replies and manual retweets are posts too.
* GDE007: a clock time without a zone, in a post for everyone (a time to
  meet, sent to one person at the same conference, needs none).
* GDE008: the first post after a session the author posted from has ended,
  when none of the author's posts in it carried a link or thanks (photos are
  not links: they give followers nothing to read further).
* GDE001 to GDE004 have nothing to find here: the archives carry no
  programme, so no session is known to ask not to be posted (GDE001, GDE002)
  and none has a programme link (GDE004); and the author never posted three
  bare quotes in a row in a session (GDE003).
"""

from __future__ import annotations

FIRE: dict[str, dict[str, str]] = {
    # CTX001: about the conference, on its days, posted for everyone, without its hashtag.
    "257157773505200129": {"CTX001": "announces his own WordCamp talk at the top of the hour"},
    "257163168500039681": {"CTX001": "the (cut-off) announcement of his WordCamp talk"},
    "257168376084967424": {
        "CTX001": "an autotweet of his WordCamp talk; its neighbours carry #wcyvr",
        "FLW001": "the talk's thread",
        "GDE006": "the 7th post in ten minutes: his talk's autotweets",
    },
    "257215778657538048": {"CTX001": "a cinemagraph of @giuliaforsythe sketchnoting at WordCamp"},
    "257244894454771712": {"CTX001": "a cinemagraph of the BuddyPress talk", "FLW001": "the BuddyPress session's thread"},
    "258247315490471936": {"CTX001": "Gardner Campbell audio posted during his keynote", "FLW001": "the keynote's thread"},
    "258313415305613312": {"CTX001": "an autotweet of his OpenEd talk; its neighbours carry #opened12", "FLW001": "the talk's thread"},
    "258314657545203712": {
        "CTX001": "an autotweet of his OpenEd talk",
        "FLW001": "the talk's thread",
        "GDE006": "the 6th post in ten minutes: his talk's autotweets",
    },
    "258315431775961088": {
        "CTX001": "an autotweet of his OpenEd talk",
        "FLW001": "the talk's thread",
        "GDE006": "the 7th post in ten minutes: his talk's autotweets",
    },
    "258687055385735169": {"CTX001": "a photo of the ds106 people at OpenEd"},
    "259006721769492480": {"CTX001": "the diagram for his OpenEd talk on visualising ds106 that day"},
    "259047393918611457": {"CTX001": "an idea from the Art education session", "CTX003": "an idea from the session; nobody named"},
    # CTX003: about the session that is on, nobody named.
    "259048138210410497": {
        "CTX003": "a presenter's words; only the university named",
        "CTX004": "a presenter's words from the Coventry session, nobody named",
        "FLW001": "the Art education session's thread",
    },
    "259049946639114241": {"CTX003": "a project shown in the session; only the university named", "FLW001": "the session's thread"},
    # CTX004: someone's words, nobody named.
    "257167796109180928": {"CTX004": "a participant's words marked 'quote', with only a link; the person is not named", "FLW001": "the talk's thread"},
    "261472409855610880": {"CTX004": "students' words on group projects, with only a link"},
    "254088042392981504": {"CTX004": "a company's PR statement; the company is not named"},
    # CTX005: a link with nothing said about it.
    "254645342849597440": {"CTX005": "a date and a time: nothing says what the link is"},
    # FLW001: the talk's thread, continued as new top-level posts.
    "257167341849280513": {"FLW001": "the talk's thread"},
    "257167666375172096": {"FLW001": "the talk's thread"},
    "257167924140335104": {"FLW001": "the talk's thread"},
    "257168169259638786": {"FLW001": "the talk's thread", "GDE006": "the 6th post in ten minutes: his talk's autotweets"},
    "257168609481220096": {"FLW001": "the talk's thread", "GDE006": "the 8th post in ten minutes: his talk's autotweets"},
    "257168829929627648": {"FLW001": "the talk's thread", "GDE006": "the 9th post in ten minutes: his talk's autotweets"},
    "257169008795717634": {"FLW001": "the talk's thread", "GDE006": "the 9th post in ten minutes: his talk's autotweets"},
    "257169167189417984": {"FLW001": "the talk's thread", "GDE006": "the 10th post in ten minutes: his talk's autotweets"},
    "257170058470621185": {"FLW001": "the talk's thread", "GDE006": "the 10th post in ten minutes: his talk's autotweets"},
    "257170245905678336": {"FLW001": "the talk's thread", "GDE006": "the 10th post in ten minutes: his talk's autotweets"},
    "257170305687101441": {"FLW001": "the talk's thread", "GDE006": "the 11th post in ten minutes: his talk's autotweets"},
    "257170701553922049": {"FLW001": "the talk's thread", "GDE006": "the 9th post in ten minutes: his talk's autotweets"},
    "257171905650520065": {"FLW001": "the talk's thread"},
    "257172645055971329": {"FLW001": "the talk's thread"},
    "257172974455644161": {"FLW001": "the talk's thread"},
    "257173137609875457": {"FLW001": "the talk's thread"},
    "257173681845981186": {"FLW001": "the talk's thread"},
    "257174323226357760": {"FLW001": "the talk's thread", "GDE006": "the 6th post in ten minutes: his talk's autotweets"},
    "257175486646595584": {"FLW001": "the talk's thread"},
    "257175688900141056": {"FLW001": "the talk's thread"},
    "257213569026895872": {"FLW001": "the UBC session's thread"},
    "257219246361305088": {"FLW001": "the UBC session's thread"},
    "257242997790502912": {"FLW001": "the BuddyPress session's thread"},
    "257243806007689216": {"FLW001": "the BuddyPress session's thread"},
    "258238770749530112": {"FLW001": "the opening session's thread"},
    "258248505401933824": {"FLW001": "the keynote's thread"},
    "258252354657329152": {"FLW001": "the keynote's thread"},
    "258253564282032128": {"FLW001": "the keynote's thread"},
    "258255899326550016": {"FLW001": "the keynote's thread"},
    "258311700279873538": {"FLW001": "the talk's thread"},
    "258311907667214339": {"FLW001": "the talk's thread"},
    "258312161720414209": {"FLW001": "the talk's thread"},
    "258312408425177088": {"FLW001": "the talk's thread"},
    "258313644545277952": {"FLW001": "the talk's thread", "GDE006": "the 6th post in ten minutes: his talk's autotweets"},
    "258313700002385920": {"FLW001": "the talk's thread", "GDE006": "the 7th post in ten minutes: his talk's autotweets"},
    "258315078800117760": {"FLW001": "the talk's thread"},
    "258315184668540928": {"FLW001": "the talk's thread", "GDE006": "the 6th post in ten minutes: his talk's autotweets"},
    # FLW002: the same words again, minutes later.
    "262320164933099520": {"FLW002": "the same cinemagraph post twice, a minute apart"},
    "263678844517642241": {"FLW002": "his own post of nine minutes before, retweeted by hand"},
    "263679315080794113": {"FLW002": "the same announcement a third time in twelve minutes"},
    # FLW003: a short line under a block of hashtags.
    "1173326715701121026": {"FLW003": "one word and four hashtags, one of them twice"},
    "1175476829685190656": {"FLW003": "five words and four hashtags"},
    "1181113887669796864": {"FLW003": "a short line and four generic hashtags"},
    "1200775633598664704": {"FLW003": "a short line and four generic hashtags"},
    "1208374753146417152": {"FLW003": "two words and six hashtags"},
    "1211215124444393472": {"FLW003": "a short line and six hashtags"},
    "1213390862329229313": {"FLW003": "a short line and six hashtags"},
    "1216043920800600064": {"FLW003": "a short line and six hashtags"},
    "1221130902635458567": {"FLW003": "a short line and six hashtags"},
    # GDE005, GDE007, GDE008: the guide's advice, by each rule's definition (GDE006's are with the talks' threads above).
    "257157404872044544": {"GDE005": "the day's first #wcyvr post; nothing before it told followers he would be posting from WordCamp"},
    "258238346881536000": {"GDE005": "the day's first #opened12 post, no heads-up before it"},
    "258636466010333184": {"GDE005": "the day's first #opened12 post (the morning's earlier posts were replies), no heads-up"},
    "258964526374989824": {"GDE005": "the day's first #opened12 post, no heads-up before it"},
    "259005979176337408": {"GDE007": "1:30pm, posted for everyone following the conference, with no zone"},
    "258243227101065217": {"GDE008": "his first post after the opening session, whose posts (two photos) carried no link and no thanks"},
}

QUIET: dict[str, dict[str, str]] = {
    # CTX004: quotation marks that quote nobody's words, or words whose author is named.
    "252764445695160320": {"CTX004": "a line of the retweeted road-trip song, credited to @dkernohan and @drgarcia"},
    "253336633733160960": {"CTX004": "the title of a student's playlist"},
    "253681316300730369": {"CTX004": "his own mad-lib in the form of a debate line: invented speech"},
    "253755685014228992": {"CTX004": "the title of a blog post"},
    "253888284013498369": {"CTX004": "a caption for @giuliaforsythe, named before it"},
    "254237588548894720": {"CTX004": "the title of an article"},
    "254976546895454208": {"CTX004": "a phrase of a book, the book named after it"},
    "255009771093110784": {"CTX004": "the title of a poster"},
    "255015950594756608": {"CTX004": "an assignment's name and a poster's title"},
    "255022484242444289": {"CTX004": "the title of a poster"},
    "255643590322188288": {"CTX004": "the title of a Slate article, in a retweet of @jimgroom"},
    "255655009902010369": {"CTX004": "the title of a story"},
    "255664040100102144": {"CTX004": "a word he will not write"},
    "256076667032846336": {"CTX004": "an error message"},
    "256418950856994816": {"CTX004": "the name of a literary journal"},
    "256822508873998337": {"CTX004": "the title of a class"},
    "257059407358197760": {"CTX004": "the title of an assignment", "CTX001": "a test run of his talk's autotweets"},
    "257163168500039681": {"CTX004": "the title of his own talk"},
    "257167666375172096": {"CTX004": "credited to @doodle_muse after the quote"},
    "257170701553922049": {"CTX004": "the title of an assignment"},
    "257172645055971329": {"CTX004": "credited to @linda3dots after the quote"},
    "257172974455644161": {"CTX004": "credited to @madamezubidar after the quote"},
    "257219246361305088": {"CTX004": "credited to the three speakers after the quote"},
    "257232061331542016": {"CTX004": "a reply to the speakers about their words"},
    "258248505401933824": {"CTX004": "Prufrock's line, from the keynote by @GardnerCampbell named after it"},
    "258252354657329152": {"CTX004": "@GardnerCampbell named before his words"},
    "258253564282032128": {"CTX004": "a term"},
    "258255899326550016": {"CTX004": "an invented album title"},
    "258309723676368896": {"CTX004": "the title of his own talk"},
    "258312408425177088": {"CTX004": "the title of an assignment"},
    "258315431775961088": {"CTX004": "a stray closing mark"},
    "258636466010333184": {"CTX004": "the title of an album cover remix"},
    "259536565842358272": {"CTX004": "file names"},
    "259549972373073921": {"CTX004": "a term"},
    "260506637926813696": {"CTX004": "one word, its speaker (the little sister) named"},
    "260507824562515968": {"CTX004": "a web address"},
    "260516239498162176": {"CTX004": "invented greeting-card categories"},
    "260524896130576385": {"CTX004": "credited to “Dad” of the named radio show after the quote"},
    "260536278192377856": {"CTX004": "a line of a student radio play, the show named after it"},
    "260538774570811392": {"CTX004": "a phrase of a radio show, the show named after it"},
    "260746086040338433": {"CTX004": "the principal's words, him named before"},
    "261105318589767682": {"CTX004": "a user name and a message: no one's words to credit"},
    "261936670717378560": {"CTX004": "the title of a film"},
    "262212458377256961": {"CTX004": "the name of an assignment"},
    "263374403784560640": {"CTX004": "a password"},
    "263627641783988224": {"CTX004": "the title of a song"},
    "263628986305896449": {"CTX004": "example speech: what not to just say"},
    "252861174138429441": {"CTX004": "credited: via @kk"},
    "252901247017967616": {"CTX004": "the title of a song, and its album"},
    "253216870965059585": {"CTX004": "a daily-create prompt, sent to the person who asked for it"},
    "253588522743762944": {"CTX004": "terms, in a retweet that names who said them"},
    "253678176650268672": {"CTX004": "a template of the speech he wants no more of"},
    "253734850039779330": {"CTX004": "his own twist on a famous line, as a joke in a reply"},
    "253886799582212096": {"CTX004": "the cliché that opens film trailers"},
    "253919342964645888": {"CTX004": "an example of a tag line: “something like”"},
    "253960629164052480": {"CTX004": "scare quotes"},
    "254023842564026369": {"CTX004": "the text of a button"},
    "254617706396008448": {"CTX004": "the title of a page"},
    "254963941925593088": {"CTX004": "the title of a song"},
    "256125708588433408": {"CTX004": "a term"},
    "256369637095247872": {"CTX004": "his own words in the form of a campaign-ad line"},
    "256725568643559424": {"CTX004": "terms, and an example of what to say"},
    "256766992445501440": {"CTX004": "words, mentioned as words"},
    "256882136383102976": {"CTX004": "scare quotes"},
    "259833697660985345": {"CTX004": "a Facebook relationship status"},
    "260240158245416960": {"CTX004": "the title of a post, in a retweet"},
    "260762525879136257": {"CTX004": "a spy-film line, made up for a friend"},
    "260852480546594816": {"CTX004": "a button's label"},
    "261214376072200192": {"CTX004": "words to search for"},
    "261289806431137792": {"CTX004": "a folder name"},
    "261293873664516096": {"CTX004": "a button's label"},
    "261889640640954368": {"CTX004": "a tag"},
    "261898368081608705": {"CTX004": "a word"},
    "262052596984983552": {"CTX004": "the title of a song, the band named after it"},
    "262167462278217729": {"CTX004": "the words of the person he replies to, asked back"},
    "262218746242940928": {"CTX004": "the title of a game"},
    "262522569930964993": {"CTX004": "scare quotes"},
    "262553493343195137": {"CTX004": "a film line, twisted into a photo caption"},
    "262576411766837248": {"CTX004": "the title of a song"},
    "262688243496140800": {"CTX004": "an idiom"},
    "262905085674262528": {"CTX004": "made-up speech, mocking"},
    "262973456449159168": {"CTX004": "Neil Young's words, from the interview named before them"},
    "263098484222214145": {"CTX004": "a term"},
    "263353690356871168": {"CTX004": "the title of a book"},
    "263377229218729985": {"CTX004": "a letter"},
    "263398205289558017": {"CTX004": "a term, in a title"},
    "263406700961361920": {"CTX004": "titles of stories"},
    "263412733427466241": {"CTX004": "the title of an audio book"},
    # CTX001: on a conference day, but not about it, or not for everyone.
    "257016779841359872": {"CTX001": "arriving in town: not about the conference"},
    "257059393688965121": {"CTX001": "a test run of his talk's autotweets, tagged #testing, at 3 a.m."},
    "257059400408236032": {"CTX001": "a test run of his talk's autotweets"},
    # 257059407358197760, a test run of his talk's autotweets, is labelled with the CTX004 titles above.
    "257144700245536768": {"CTX001": "the flight over: not about the conference"},
    "257185580889292800": {"CTX001": "thanks to one person, pointing at his own blog"},
    "257224701766664192": {"CTX001": "a private joke about job titles"},
    "257234223906304000": {"CTX001": "a lost camera in Toronto"},
    "257247120866828288": {"CTX001": "a game in Boulder: not about the conference"},
    "258203538029699072": {"CTX001": "a greeting to three people"},
    "258257585554219008": {"CTX001": "a call for a friend's cause"},
    "258967860318191616": {"CTX001": "a message to one person", "GDE007": "a time to meet, for one person at the same conference"},
    "259148324886675456": {"CTX001": "friends in the evening after the conference"},
    "259180629512572928": {"CTX001": "friends' shirts in the evening after the conference"},
    # CTX003: the session is on, but the post is not about it, or its speaker is named.
    "258971133615943680": {
        "CTX003": "the speaker is named (misspelt “Rossinni”)",
        "FLW001": "the first post about the keynote; the earlier ones were about other things",
    },
    "257166336965369857": {"CTX003": "he is the speaker", "CTX006": "his talk was announced 13 minutes before it began"},
    "257211802419605504": {"CTX006": "names the three speakers and the subject: that says which session it is"},
    "258964526374989824": {"CTX006": "about his TreasureBox, not about the keynote that is on"},
    # CTX005: a link with a few words that do say what it is.
    "258285998943911936": {"CTX005": "a reply answering a question: the question says what the link is"},
    # FLW001: the session is on, but the post is not part of its story.
    "258238346881536000": {"FLW001": "his only earlier post in the session is an unrelated reply"},
    "257215778657538048": {"FLW001": "not about the UBC session that is on"},
    "258967624585723904": {"FLW001": "not about the keynote that is on"},
    "258970361155166208": {"FLW001": "last night's party, not the keynote"},
    # 258971133615943680, the first post about the keynote, is labelled with CTX003 above.
    # FLW002: alike, but not a repeat.
    "257170245905678336": {"FLW002": "the talk's autotweet, seven hours after its #testing run"},
    "262319515902283778": {"FLW002": "a different cinemagraph of the same corn"},
    # FLW003: four hashtags, but the words carry them.
    "254330295527034881": {"FLW003": "two of the four are in the retweeted post's own words"},
    "1172435815546249221": {"FLW003": "forty words of story and four tags"},
    # GDE005, GDE007: the guide's advice where it does not apply.
    "258740869199437824": {"GDE005": "the day's first #opened12 post was at 11:31; this one is not the first of the day"},
}


def expected(tweet_id: str) -> frozenset[str]:
    """The rules a careful person would raise on the tweet."""
    return frozenset(FIRE.get(tweet_id, {}))
