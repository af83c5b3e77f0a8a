import json,glob
base='/work/shared/data/news-please-sample/articles/'
def load(prefix):
    return json.load(open(glob.glob(base+prefix+'*.json')[0]))
arts=[
('0c3309b31d6a','real-npr-chibok','NPR',[
 ('"successful negotiations."','"{{successful negotiations.|Muhammadu Buhari|partial}}"'),
 ('"it would be a major coup for Nigerian authorities — and relief for the families."','"{{it would be a major coup for Nigerian authorities — and relief for the families.|Ofeibea Quist-Arcton|partial}}"'),
 ('"is the outcome of negotiations between the administration and Boko Haram ... brokered by the International Red Cross and the Swiss government."','"{{is the outcome of negotiations between the administration and Boko Haram ... brokered by the International Red Cross and the Swiss government.|Mallam Garba Shehu|partial}}"'),
 ('"negotiations will continue."','"{{negotiations will continue.|Mallam Garba Shehu|partial}}"'),
 ('"very tired"','"{{very tired|Mallam Garba Shehu|partial}}"'),
 ('"The handing over of four imprisoned militants was also part of the deal,"','"{{The handing over of four imprisoned militants was also part of the deal,|BBC}}"'),
 ('"till now there is only one confirmed release of one of the students, who found her way out of captivity with a baby and was found by an army-backed civil defense group in May."','"{{till now there is only one confirmed release of one of the students, who found her way out of captivity with a baby and was found by an army-backed civil defense group in May.|Ofeibea Quist-Arcton|partial}}"'),
 ('"Some 197 girls remain captive, though it is not known how many of them may have died,"','"{{Some 197 girls remain captive, though it is not known how many of them may have died,|Associated Press}}"'),
 ('"has abducted many more girls and boys before and since the Chibok kidnapping."','"{{has abducted many more girls and boys before and since the Chibok kidnapping.|Ofeibea Quist-Arcton|partial}}"'),
]),
('1b020af8515c','real-npr-leggings','NPR',[
 ('"buddy passes," and','"{{buddy passes,|-|scare}}" and'),
 ('"the right to refuse transport for passengers who are barefoot or not properly clothed."','"{{the right to refuse transport for passengers who are barefoot or not properly clothed.|United|partial}}"'),
 ('wasn\'t "properly clothed"?','wasn\'t "{{properly clothed|-|scare}}"?'),
 ('on "buddy passes." Two','on "{{buddy passes.|-|scare}}" Two'),
 ('"non-revenue"','"{{non-revenue|-|scare}}"'),
 ('"To our regular customers, your leggings are welcome,"','"{{To our regular customers, your leggings are welcome,|United}}"'),
 ('"Even more outrageous','"{{Even more outrageous'),
 ('were killed and injured,"','were killed and injured,|Shannon Watts}}"'),
 ('"Not to mention,','"{{Not to mention,'),
 ('talking about leggings."','talking about leggings.|Shannon Watts}}"'),
]),
('edf3e9660da6','real-rollingstone-grammys','Rolling Stone',[
 ('"We appreciate the points','"{{We appreciate the points'),
 ('seek their input and guidance."','seek their input and guidance.|Neil Portnow}}"'),
 ('Academy "woefully out of touch" in','Academy "{{woefully out of touch|-|partial}}" in'),
 ('controversial "step up" remarks','controversial "{{step up|-|scare}}" remarks'),
 ('"welcome mat"','"{{welcome mat|-|scare}}"'),
 ('"Neil Portnow\'s comments','"{{Neil Portnow\'s comments'),
 ('across all demographics,"','across all demographics,|-}}"'),
 ('were "woefully out of touch with today\'s music, the music business, and even more significantly, society."','were "{{woefully out of touch with today\'s music, the music business, and even more significantly, society.|-|partial}}"'),
 ('"women who have the creativity','"{{women who have the creativity'),
 ('I think they would be welcome."','I think they would be welcome.|Neil Portnow}}"'),
 ('("Women in music','("{{Women in music'),
 ('since the beginning of time")','since the beginning of time|Pink}}")'),
 ('Portnow\'s "step up" suggestion','Portnow\'s "{{step up|-|scare}}" suggestion'),
 ('"Kneel, Portnow"','"{{Kneel, Portnow|-|scare}}"'),
 ('"Regrettably,','"{{Regrettably,'),
 ('conveying this thought"','conveying this thought|Neil Portnow}}"'),
 ('"female advancement"','"{{female advancement|-|scare}}"'),
]),
('10dbb299bc25','real-nydn-silverman','New York Daily News',[
 ('have "consciously uncoupled."','have "{{consciously uncoupled.|Sarah Silverman|partial}}"'),
 ('she’s “consciously uncoupled” from','she’s “{{consciously uncoupled|Sarah Silverman|partial}}” from'),
 ('"The great @michaelsheen','"{{The great @michaelsheen'),
 ('ended it. No fight," she wrote.','ended it. No fight,|Sarah Silverman}}" she wrote.'),
 ('"We just live in different countries & it got hard. Felt we should just tell y\'all so u stop askin, "How\'s Michael/How\'s Sarah?"','"{{We just live in different countries & it got hard. Felt we should just tell y\'all so u stop askin, "How\'s Michael/How\'s Sarah?|Sarah Silverman}}"'),
 ('not “over Christmas” -','not “{{over Christmas|-|scare}}” -'),
 ('askin, “How’s Michael/How’s Sarah?”','askin, “{{How’s Michael/How’s Sarah?|-|scare}}”'),
 ('"Masters of Sex."','"{{Masters of Sex.|-|scare}}"'),
 ('"He really classes me up, and I just pull him right down to my level, unfortunately for him,"','"{{He really classes me up, and I just pull him right down to my level, unfortunately for him,|Sarah Silverman}}"'),
 ('"Yes, I\'m happy, and I\'m very lucky."','"{{Yes, I\'m happy, and I\'m very lucky.|Sarah Silverman}}"'),
 ('"I\'m so happy to have him be a part of my life and to get to be a part of his life,"','"{{I\'m so happy to have him be a part of my life and to get to be a part of his life,|Sarah Silverman}}"'),
 ('"I don\'t think I ever really knew what love was."','"{{I don\'t think I ever really knew what love was.|Sarah Silverman}}"'),
 ('"I\'m a loner, so it\'s OK."','"{{I\'m a loner, so it\'s OK.|Sarah Silverman|partial}}"'),
 ('‘world is basically over’','‘{{world is basically over|Sarah Silverman|partial}}’'),
 ('“conscious uncoupling”','“{{conscious uncoupling|-|scare}}”'),
]),
]
out=['# Real articles from /work/shared/data/news-please-sample (their `text`\n# field, lines turned into paragraphs), labelled by hand.\n']
for prefix,ident,source,reps in arts:
    a=load(prefix)
    t=a['text']
    for old,new in reps:
        assert t.count(old)==1,(ident,old,t.count(old))
        t=t.replace(old,new)
    t='\n\n'.join(l for l in t.split('\n') if l.strip())
    out.append(f'=== {ident} | {source} | real | {a["title"]}\n{t}\n')
open('articles_real.txt','w',encoding='utf-8').write(''.join(out))
