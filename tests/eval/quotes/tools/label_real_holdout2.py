# Marks up two more news-please articles for the holdout2 split: labelled by
# hand after the final code was written, scored once.
import glob
import json
import os

base = '/work/shared/data/news-please-sample/articles/'
BA, CP = 'Bruce Arians', 'Carson Palmer'
arts = [
    ('6902d8bc17fe', 'hold2-real-abc-arians', 'ABC News', [
        ('"joy and peace,"', '"{{joy and peace,|%s|partial}}"' % BA, 1),
        ('"I will miss the game,"', '"{{I will miss the game,|%s}}"' % BA, 1),
        ('"It\'s been a great ride."', '"{{It\'s been a great ride.|%s}}"' % BA, 1),
        ('"I\'m retiring."', '"{{I\'m retiring.|%s}}"' % BA, 1),
        ('"I know everybody speculated, everybody speculated for months,"', '"{{I know everybody speculated, everybody speculated for months,|%s}}"' % BA, 1),
        ('"Everybody had a story. You now have the story."', '"{{Everybody had a story. You now have the story.|%s}}"' % BA, 1),
        ('"are so many reasons for the decision"', '"{{are so many reasons for the decision|%s|partial}}"' % BA, 1),
        ('"It hit me like a ton of bricks that I missed all that time,"', '"{{It hit me like a ton of bricks that I missed all that time,|%s}}"' % BA, 1),
        ('"And that\'s coaching. Probably wouldn\'t change anything."', '"{{And that\'s coaching. Probably wouldn\'t change anything.|%s}}"' % BA, 1),
        ('"I\'ll miss the players,"', '"{{I\'ll miss the players,|%s}}"' % BA, 1),
        ('"I\'ll miss coming out', '"{{I\'ll miss coming out', 1),
        ('still be in touch with the game."', 'still be in touch with the game.|%s}}"' % BA, 1),
        ('"The Quarterback Whisperer,"', '"{{The Quarterback Whisperer,|-|scare}}"', 1),
    ]),
    ('3d18138b883c', 'hold2-real-wapo-palmer', 'Washington Post', [
        ('“the most incredible experience of my life.”', '“{{the most incredible experience of my life.|%s|partial}}”' % CP, 2),
        ('“Over the years, I’ve had teammates who decided to hang it up and I would ask them how they knew when it was time to walk away,”', '“{{Over the years, I’ve had teammates who decided to hang it up and I would ask them how they knew when it was time to walk away,|%s}}”' % CP, 1),
        ('“The answer was almost always the same: You just know. For me, it is time now. Why? Quite simply, I just know.”', '“{{The answer was almost always the same: You just know. For me, it is time now. Why? Quite simply, I just know.|%s}}”' % CP, 1),
        ('“When I entered the league, I was a 23-year-old kid,”', '“{{When I entered the league, I was a 23-year-old kid,|%s}}”' % CP, 1),
        ('“I’m leaving a 38-year-old', '“{{I’m leaving a 38-year-old', 1),
        ('in a blink of an eye.”', 'in a blink of an eye.|%s}}”' % CP, 1),
        ('”no risk it, no biscuit”', '”{{no risk it, no biscuit|-|scare}}”', 1),
        ('“My family and I are beyond grateful', '“{{My family and I are beyond grateful', 1),
        ('everywhere we’ve been,”', 'everywhere we’ve been,|%s}}”' % CP, 1),
        ('“That’s been especially true in Arizona, where we never expected to end up but wound up being such a special place for us.”', '“{{That’s been especially true in Arizona, where we never expected to end up but wound up being such a special place for us.|%s}}”' % CP, 1),
        ('“one hell of a career.”', '“{{one hell of a career.|A.Q. Shipley|partial}}”', 1),
        ('“My favorite all-time teammate is walking away on his terms,”', '“{{My favorite all-time teammate is walking away on his terms,|A.Q. Shipley}}”', 1),
        ('“Not many people have that opportunity.', '“{{Not many people have that opportunity.', 1),
        ('Enjoy retirement brother!”', 'Enjoy retirement brother!|A.Q. Shipley}}”', 1),
        ('“They have taught me so much on/off the field,”', '“{{They have taught me so much on/off the field,|David Johnson}}”', 1),
        ('“I seriously owe so much', '“{{I seriously owe so much', 1),
        ('as you start the next stages of life!”', 'as you start the next stages of life!|David Johnson}}”', 1),
        ('“especially miss the grind”', '“{{especially miss the grind|%s|partial}}”' % CP, 1),
        ('“It’s the part I don’t think people fully appreciate,”', '“{{It’s the part I don’t think people fully appreciate,|%s}}”' % CP, 1),
        ('“maybe because many NFL players', '“{{maybe because many NFL players', 1),
        ('has always been my favorite part.”', 'has always been my favorite part.|%s}}”' % CP, 1),
    ]),
]
out = ['# Real articles from /work/shared/data/news-please-sample, labelled by hand\n'
       '# after the final code was written (split holdout2, scored once).\n']
for prefix, ident, source, reps in arts:
    a = json.load(open(glob.glob(base + prefix + '*.json')[0]))
    t = a['text']
    for old, new, count in reps:
        assert t.count(old) == count, (ident, old, t.count(old))
        t = t.replace(old, new)
    t = '\n\n'.join(line for line in t.split('\n') if line.strip())
    out.append(f'=== {ident} | {source} | holdout2 | {a["title"]}\n{t}\n')
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
open(os.path.join(here, 'articles_real_holdout2.txt'), 'w', encoding='utf-8').write(''.join(out))
