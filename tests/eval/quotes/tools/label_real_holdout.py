import json,glob
base='/work/shared/data/news-please-sample/articles/'
QT='Quentin Tarantino'; UT='Uma Thurman'
arts=[
('6979720e6a5e','hold-real-bbc-tarantino','BBC',[
 ('"one of the biggest regrets of my life"','"{{one of the biggest regrets of my life|%s|partial}}"'%QT),
 ('"one of my most horrendous mistakes"','"{{one of my most horrendous mistakes|%s|partial}}"'%QT),
 ('"Uma was trepidatious about doing the driving shot"','"{{Uma was trepidatious about doing the driving shot|%s|partial}}"'%QT),
 ('"None of us ever considered it a stunt. It was just driving. Maybe we should have but we didn\'t."','"{{None of us ever considered it a stunt. It was just driving. Maybe we should have but we didn\'t.|%s}}"'%QT),
 ('"this is going to be okay. This is a straight shot... no hidden S-curves"','"{{this is going to be okay. This is a straight shot... no hidden S-curves|%s|partial}}"'%QT),
 ('"I was very happy, thinking','"{{I was very happy, thinking'),
 ('And she believed me."','And she believed me.|%s}}"'%QT),
 ('"I thought, a straight road','"{{I thought, a straight road'),
 ('just to see what I would see."','just to see what I would see.|%s}}"'%QT),
 ('"just horrible"','"{{just horrible|%s|partial}}"'%QT),
 ('"It was heartbreaking.','"{{It was heartbreaking.'),
 ('But a trust was broken."','But a trust was broken.|%s}}"'%QT),
 ('"Quentin Tarantino was deeply regretful','"{{Quentin Tarantino was deeply regretful'),
 ('justice will never be possible,"','justice will never be possible,|%s}}"'%UT),
 ('"He also did so with full knowledge it could cause him personal harm, and I am proud of him for doing the right thing and for his courage."','"{{He also did so with full knowledge it could cause him personal harm, and I am proud of him for doing the right thing and for his courage.|%s}}"'%UT),
 ('"I love Michael,','"{{I love Michael,'),
 ('art direct this spit."','art direct this spit.|%s}}"'%QT),
 ('"to just wrap the thing around her neck, and choke her. Not forever, not for a long time"','"{{to just wrap the thing around her neck, and choke her. Not forever, not for a long time|%s|partial}}"'%QT),
 ('"I would ask a guy the same thing. In fact, I would probably be more insistent with a guy."','"{{I would ask a guy the same thing. In fact, I would probably be more insistent with a guy.|%s}}"'%QT),
 ('"Uma was in turmoil','"{{Uma was in turmoil'),
 ('in each other\'s lives."','in each other\'s lives.|%s}}"'%QT),
]),
('3333d198b81d','hold-real-cnn-thurman','CNN',[
 ('"furious"','"{{furious|Maureen Dowd|partial}}"'),
 ('"speaks for itself"','"{{speaks for itself|-|partial}}"'),
 ('"saddened and puzzled"','"{{saddened and puzzled|-|partial}}"'),
 ('"demonstrate the strong relationship Mr. Weinstein and Ms. Thurman had had over the years."','"{{demonstrate the strong relationship Mr. Weinstein and Ms. Thurman had had over the years.|-|partial}}"'),
 ('"Mr. Weinstein acknowledges','"{{Mr. Weinstein acknowledges'),
 ('and deeply regrets,"','and deeply regrets,|-}}"'),
 ('"However, her claims about being physically assaulted are untrue."','"{{However, her claims about being physically assaulted are untrue.|-}}"'),
 ('"unequivocally denied."','"{{unequivocally denied.|-|partial}}"'),
 ('"#metoo."','"{{#metoo.|-|scare}}"'),
 ('"Except you Harvey,','"{{Except you Harvey,'),
 ('you don\'t deserve a bullet."','you don\'t deserve a bullet.|%s}}"'%UT),
 ('"Kill Bill,"','"{{Kill Bill,|-|scare}}"'),
 ('"dehumanization to the point of death."','"{{dehumanization to the point of death.|%s|partial}}"'%UT),
 ('"Harvey assaulted me but that didn\'t kill me,"','"{{Harvey assaulted me but that didn\'t kill me,|%s}}"'%UT),
 ('"What really got me','"{{What really got me'),
 ('with a very angry brother."','with a very angry brother.|%s}}"'%UT),
 ('"Pulp Fiction,"','"{{Pulp Fiction,|-|scare}}"'),
]),
]
out=['# Real articles from /work/shared/data/news-please-sample (their `text`\n# field, lines turned into paragraphs), labelled by hand; held out.\n']
for prefix,ident,source,reps in arts:
    a=json.load(open(glob.glob(base+prefix+'*.json')[0]))
    t=a['text']
    for old,new in reps:
        assert t.count(old)==1,(ident,old,t.count(old))
        t=t.replace(old,new)
    t='\n\n'.join(l for l in t.split('\n') if l.strip())
    out.append(f'=== {ident} | {source} | holdout | {a["title"]}\n{t}\n')
open('articles_real_holdout.txt','w',encoding='utf-8').write(''.join(out))
