#!/usr/bin/env python3
"""Writes articles_np_dev.txt and articles_np_heldout.txt: real articles from
the news-please sample (Apache 2.0), labelled by hand.

Each quotation-mark span in an article is numbered in reading order (the
pattern QUOTE below, the same one the labeller read the articles with) and
labelled "n speaker", "n speaker /p" (partial), "n /s" (scare quote, title,
slogan: not scored) or "n -" (no speaker can be named). Spans the pattern does
not see (quotes running over several paragraphs, odd closing marks) are
labelled with explicit (old, new) replacements in EXTRA; a quotation that
runs over several paragraphs (each opening with a mark, only the last closing)
is one span, as in articles_real.txt.

Speakers are written as the fullest form of the name in the article; a speaker
named only by role is written as the role phrase without its article
("Equifax spokesperson", "local source"). The split is by event (sha1 of the
event name, the same split as tests/eval/topics/real_gold.tsv), so no story of
the held-out half was read while changing the code.

    label_np.py /path/to/news-please-sample
"""
import csv
import glob
import hashlib
import json
import os
import re
import sys

QUOTE = re.compile(r'"([^"\n]{1,1500}?)"|“([^”\n]{1,1500}?)”|‘([^’\n]{2,300}?)’(?![a-z])')

LABELS = {
# --- dev half
# (added in the third round: other kinds of copy, a tech feature, a match
# report, a business analysis, a cable-news wire story, a sports column with
# fans' voices, a background piece with propaganda quotes, a cable-news
# diplomacy story; the NPR Chibok story
# of the same events is already in articles_real.txt)
'3a4da57f': ('wired-pixel-core', 'Wired', '''
1 Isaac Reynolds
2 Isaac Reynolds
3 Hervé Macudzinski
4 Hervé Macudzinski
5 Hervé Macudzinski
6 Hervé Macudzinski
7 Ofer Shacham
8 Ofer Shacham
9 Ofer Shacham
10 Ofer Shacham
11 Patrick Moorhead
12 Patrick Moorhead'''),
'580907b6': ('guardian-cubs', 'The Guardian', '''
1 /s
2 /s
3 fan’s sign
4 Addison Russell
5 Addison Russell
6 /s
7 Addison Russell
8 Addison Russell
9 players
10 Mike Montgomery'''),
'2d356902': ('bloomberg-equifax-pay', 'Bloomberg', '''
1 Nathan Taylor
2 Equifax /p
3 Tina Wolfson
4 /s
5 judge
6 Anita Taff-Rice /p
7 Anita Taff-Rice /p
8 Anita Taff-Rice
9 Francis Creighton
10 Tina Wolfson
11 Nathan Taylor'''),
'9d498c7a': ('wapo-cubs-column', 'Washington Post', '''
1 /s
2 /s
3 /s
4 Terry Francona
5 Kevin O’Brien
6 Kevin O’Brien
7 Kevin O’Brien
8 Kevin O’Brien
9 Eddie Opitz
10 Eddie Opitz
11 Eddie Opitz
12 Eddie Opitz'''),
'8a231b8b': ('nyt-nice-vehicles', 'New York Times', '''
1 Abu Muhammad al-Adnani
2 Abu Muhammad al-Adnani
3 American Trucking Associations
4 American Trucking Associations
5 /s
6 article /p
7 Thomas Joscelyn
8 Thomas Joscelyn /p
9 /s
10 /s
11 one of the French fighters
12 one of the French fighters
13 Manuel Valls /p
14 Kilafah News Channel'''),
'69ad8dc4': ('cnn-kim-olive-branch', 'CNN', '''
1 Kim Jong Un /p
2 Kim Jong Un /p
3 Park Soo-hyun
4 Park Soo-hyun /p
5 Kim Jong Un
6 Kim Jong Un /p
7 Kim Jong Un /p
8 Park Soo-hyun
9 Kim Jong Un
10 Kim Jong Un
11 Kim Jong Un /p
12 Euan Graham
13 Euan Graham
14 Mike Mullen /p
15 /s
16 report
17 report
18 Kim Jong Un
19 Tong Zhao /p
20 Tong Zhao'''),
'36549ab7': ('cnn-chibok', 'CNN', '''
1 Alhaji Lai Mohammed /p
2 Alhaji Lai Mohammed
3 Chibokgirls campaign
4 Chibokgirls campaign
5 Yemi Osinbajo
6 Amina Ali Nkeki
7 /s
8 Amina Ali Nkeki
9 Alhaji Lai Mohammed /p
10 Alhaji Lai Mohammed'''),
'5a7c11ed': ('wapo-arians', 'Washington Post', '''
1 /s
2 /s
3 Bruce Arians
4 Bruce Arians
5 Bruce Arians
6 Bruce Arians
7 Bruce Arians
8 Bruce Arians
9 Bruce Arians /p
10 Bruce Arians /p
11 Steve Keim
12 Steve Keim
13 Michael Bidwill /p
14 Michael Bidwill
15 Steve Keim
16 Steve Keim
17 Bruce Arians /p
18 Bruce Arians
19 Bruce Arians'''),
'3e458084': ('nyt-chibok', 'New York Times', '''
1 Garba Shehu
2 Garba Shehu
3 Yemi Osinbajo
4 Yemi Osinbajo
5 Yemi Osinbajo /p
6 Yemi Osinbajo /p
7 Yemi Osinbajo /p
8 Yemi Osinbajo
9 Yemi Osinbajo
10 Lawan Zanna /p
11 Lawan Zanna
12 Esther Yakubu
13 Manasseh Allen
14 Manasseh Allen
15 Manasseh Allen
16 Lai Mohammed
17 Lai Mohammed
18 Bring Back Our Girls'''),
'f647e6bf': ('dailymail-chibok', 'Daily Mail', '''
1 Yemi Osinbajo
2 Yemi Osinbajo
3 Nigerian officials /p
4 Lai Mohammed
5 Lai Mohammed
6 Lai Mohammed
7 Pierre-Alain Eltschinger
8 local source
9 local source
10 Lai Mohammed /p
11 Lai Mohammed
12 Ryan Cummings /p
13 Ryan Cummings
14 /s
15 Hassoumi Massoudou
16 Hassoumi Massoudou /p'''),
'd0a9c484': ('independent-cubs-fans', 'The Independent', '''
1 /s
2 Greg Kojak
3 Dina Mansaour
4 /s
5 /s
6 Fadiyla Mance
7 /s
8 Alayna Fodor-Gopal
9 Alayna Fodor-Gopal
10 /s
11 /s
12 Rodrigo Gonzales
13 Jason Nye
14 Denise Watford'''),
'acb45b06': ('npr-equifax-incident', 'NPR', '''
1 Equifax spokesperson
2 Equifax spokesperson
3 Bloomberg /p
4 Equifax /p
5 Equifax spokesperson /p
6 KrebsonSecurity /p
7 Equifax /p
8 University of Louisville /p
9 Kroger executives /p
10 Kroger executives /p
11 Betzalel Yochanan /p'''),
'7e7ae7dc': ('nyt-kim-dialogue', 'New York Times', '''
1 Kim Jong Un /p
2 Donald Trump /p
3 /s
4 Kim Jong Un /p
5 Kim Jong Un
6 Kim Jong Un /p
7 Scott LaFoy
8 Scott LaFoy
9 Nam Sung-wook
10 Nam Sung-wook'''),
'6134ba14': ('chinadaily-nice', 'China Daily', '''
1 Jean-Michel Priest
2 Eric Ciotti
3 Eric Ciotti /p
4 Jacques
5 journalist for Agence France-Presse
6 Sbastien Humbert /p
7 Sbastien Humbert
8 Barack Obama'''),
'1f907848': ('sun-equifax-uk', 'The Sun', '''
1 Equifax /p
2 Equifax /p
3 Equifax /p
4 Jim Cramer /p
5 Equifax /p
6 Equifax /p
7 Equifax /p'''),
'50463005': ('sun-chibok', 'The Sun', '''
1 Garba Shehu /p
2 /s
3 Bring Back Our Girls /p
4 /s
5 /s
6 /s
7 Garba Shehu'''),
'8c9b29cd': ('gizmodo-equifax-domains', 'Gizmodo', '''
1 /s
2 /s
3 /s
4 /s
5 Nick Sweeting
6 /s
7 Nick Sweeting'''),
'969967bf': ('dailymail-nice-tunisians', 'Daily Mail', '''
1 Tunisia /p
2 Tunisia /p
3 Tunisia /p
4 Beji Caid Essebsi /p
5 Beji Caid Essebsi
6 Abdelaziz Bouteflika /p
7 Abdelaziz Bouteflika /p'''),
'676d97de': ('huffpost-silverman', 'HuffPost', '''
1 Sarah Silverman
2 Sarah Silverman
3 Sarah Silverman
4 /s
5 /s
6 /s'''),
'03f08e59': ('cbs-silverman', 'CBS News', '''
1 /s
2 /s
3 /s
4 Mirror /p'''),
'2c9fa3d3': ('sciencealert-microbes', 'ScienceAlert', '''
1 Wallace
2 Wallace
3 Wallace'''),
'3e072dc2': ('wapo-chibok', 'Washington Post', '''
1 Mallam Garba Shehu /p
2 Mallam Garba Shehu /p
3 International Committee of the Red Cross'''),
'd83fb078': ('eonline-silverman', 'E! Online', '''
1 Sarah Silverman
2 Sarah Silverman
3 Sarah Silverman'''),
'7a14c6a7': ('chinadaily-trump-dprk', 'China Daily', '''
1 Donald Trump /p
2 Donald Trump /p
3 US lawmakers /p
4 Donald Trump
5 Moon Jae-in /p
6 Moon Jae-in /p'''),
# (added in the fourth round: witness accounts with pronouns across
# paragraphs and multi-paragraph quotes, a broadsheet lead story, a live
# "developments" list, a celebrity story quoting tweets; all from dev events)
'968b809b': ('cnn-nice-witnesses', 'CNN', '''
1 Kristen Crouch
2 Kristen Crouch
3 Kristen Crouch
4 Kristen Crouch /p
5 Andy McArdy
7 Eric Drattell /p
8 Eric Drattell
10 Dominique Molina /p
11 Dominique Molina
12 Dominique Molina
13 Dominique Molina
14 Dominique Molina /p
15 Dominique Molina
16 Tony Molina
17 Tony Molina
18 Paul DeLane
19 Paul DeLane /p
20 Paul DeLane
21 Tony Molina
22 Paul DeLane
23 man /p
24 man
25 man
26 Maryam Violet
27 Maryam Violet
28 Eric Dartell
29 Zeynep Akar
30 Zeynep Akar
31 officer
32 American witness /p
33 American witness
34 Mark Krikorian'''),
'1f500d30': ('nyt-nice-lead', 'New York Times', '''
1 François Hollande
2 François Hollande /p
3 François Hollande /p
4 François Hollande
5 François Hollande
6 Manuel Valls
7 Manuel Valls
8 Pierre-Henry Brandet
9 Pierre-Henry Brandet
10 Daphne Burandé
11 Daphne Burandé
12 Daphne Burandé
13 Christian Estrosi
14 Christian Estrosi
15 Christian Estrosi
16 Christian Estrosi /p
17 Christian Estrosi
18 François Hollande /p
19 Pierre-Henry Brandet
20 /s
21 /s
22 Michel
23 witness /p'''),
'544db91c': ('cnn-nice-developments', 'CNN', '''
1 Francois Hollande
2 Francois Hollande /p
3 Francois Hollande /p
4 Barack Obama
5 Justin Trudeau
6 Michel Temer
7 United Nations /p
8 Narendra Modi
9 Francois Hollande
10 Dominique Molina
11 Dominique Molina
12 Dominique Molina
13 Paul Delane
14 Tony Molina
15 Paul Delane
16 Maryam Violet /p
17 Eric Dartell'''),
'b7013f8e': ('usatoday-silverman', 'USA Today', '''
1 /s
2 Sarah Silverman /p
3 Sarah Silverman
4 Sarah Silverman
5 Sarah Silverman
6 /s
7 /s'''),
'73434a97': ('sun-nice-lorry', 'The Sun', '''
1 /s
2 /s
3 /s
4 neighbours /p
5 neighbours /p
6 neighbours /p
7 neighbours /p
8 police source
9 /s
12 police /p
13 Tiffany Marchbanks /p
14 Tiffany Marchbanks /p
15 Tiffany Marchbanks /p
16 Tiffany Marchbanks
17 experts /p
18 Claude Moniquet
21 Damien Allemend
23 /s
27 Francois Hollande /p
28 Francois Hollande /p
29 Manual Valls
31 UK Foreign Office /p
32 Sadiq Khan /p
33 Lisa Holland /p
35 Kevin
36 Kevin
37 Francois Hollande
38 Francois Hollande
40 Francois Hollande
41 Bernard Cazaneuve
43 Eric Ciotti /p
44 Eric Ciotti /p
46 Christian Estrosi /p
47 Christian Estrosi
48 Christian Estrosi /p
49 Christian Estrosi /p
50 Christian Estrosi
51 /s
52 Downing Street spokesman
53 Theresa May
54 Theresa May
55 Philip Hammond
56 Owen Smith /p
57 Sadiq Khan'''),
'3580cf4b': ('sun-silverman-split', 'The Sun', '''
1 Sarah Silverman /p
3 Michael Sheen
4 Michael Sheen /p
6 Michael Sheen'''),
'897929aa': ('sun-equifax-44m', 'The Sun', '''
1 Equifax /p
2 BT
3 Avivah Litan
4 Equifax /p'''),
'8c28a3d0': ('sun-cubs-celebrations', 'The Sun', '''
2 Hillary Clinton
3 Barack Obama'''),
'9829d117': ('bbc-cubs-curse', 'BBC', '''
1 Joe Maddon
2 Joe Maddon'''),
'cbc09513': ('independent-cubs-title', 'The Independent', '''
1 Ben Zobrist'''),
'425999fe': ('nyt-equifax-more-exposed', 'New York Times', '''
1 Richard F. Smith
2 Richard F. Smith'''),
'de37fd40': ('nyt-equifax-peace-offering', 'New York Times', '''
1 /s
2 /s'''),
'22f61b23': ('cnn-goldman-tax', 'CNN', '''
1 /s
2 Ryan Dudley'''),
'03020586': ('dw-rhine-ship', 'DW', '''
1 /s
2 /s'''),
'e81cc235': ('nyt-palmer-retires', 'New York Times', '''
1 Carson Palmer'''),
'40d513a7': ('dailymail-morsi', 'Daily Mail', '''
1 /s
2 /s'''),
# (added in the fifth round: the remaining dev-event pages of the sample
# with quotation marks the numbering pattern sees; of the three copies of
# the AP Erie snow story only the Daily Mail one)
'f4f86ac3': ('usatoday-cubs-reactions', 'USA Today', '''
1 Wrigley Field marquee
2 /s
3 /s'''),
'e9b4065e': ('xda-pixel-core', 'XDA Developers', '''
1 Ofer Shacham
2 Ofer Shacham'''),
'e5b26d1b': ('engadget-morning-after', 'Engadget', '''
1 Mike Schultz
2 Mike Schultz'''),
'df8305fa': ('times-intel-glasses', 'The Times', '''
1 /s
2 /s'''),
'b635ee6c': ('cnet-pixel-zoom', 'CNET', '''
1 /s
2 Ofer Shacham'''),
'a386e5ed': ('chinadaily-un-chibok', 'China Daily', '''
1 Stephane Dujarric
2 Stephane Dujarric'''),
'85a37912': ('chinadaily-nice-toll', 'China Daily', '''
1 Christian Estrosi
2 - /p'''),
'6e874e6c': ('dailymail-erie-snow', 'Daily Mail', '''
1 Kathy Dahlkemper /p
2 Erie /p'''),
'4baed2ff': ('sun-equifax-uk-15m', 'The Sun', '''
1 /s
2 Equifax'''),
'3d4cead1': ('rt-angosat', 'RT', '''
1 /s
2 source /p'''),
'be0c5bb4': ('standard-cubs-obama', 'Evening Standard', '''
1 Barack Obama'''),
'b81ff83f': ('nyt-goldman-hit', 'New York Times', '''
1 source /p'''),
'9fb2f7a0': ('telegraph-cubs-curse', 'Telegraph', '''
1 /s'''),
'8f5bf843': ('bloomberg-goldman-hit', 'Bloomberg', '''
1 Brian Kleinhanzl /p'''),
'7452114d': ('chinadaily-nice-truck', 'China Daily', '''
1 Christian Estrosi'''),
'6d910ca5': ('ndtv-microbes', 'NDTV', '''
1 Aaron Burton'''),
'6d7866f5': ('verge-pixel-core', 'The Verge', '''
1 Google'''),
'181393e1': ('cbs-morsi', 'CBS News', '''
1 /s'''),
# --- held-out half
'2f066d10': ('dailymail-croydon', 'Daily Mail', '''
1 Investigators /p
2 /s
3 /s
4 Martin Bamford /p
5 Martin Bamford
6 Martin Bamford /p
7 Martin Bamford /p
8 Martin Bamford
9 Martin Bamford
10 Sadiq Khan /p
11 Robin Smith /p
12 Rail Accident Investigation Branch /p
13 RAIB spokesman
15 Pat Rooke /p
16 Pat Rooke
17 Sue Patel
18 Sue Patel /p
19 Sue Patel /p
20 Sue Patel
21 Andy Nias /p
22 Andy Nias
23 Kudirat Okesola /p
24 Kudirat Okesola
25 Kudirat Okesola
26 Kudirat Okesola /p
27 Croydon Health Services NHS Trust /p'''),
'04163517': ('wapo-thurman', 'Washington Post', '''
1 /s
2 Uma Thurman
3 Uma Thurman
4 /s
5 Uma Thurman
6 Uma Thurman
7 Uma Thurman
8 Ilona Herman
9 Leslie Sloane
10 /s
11 /s
12 Harvey Weinstein /p
13 Holly Baird
14 Holly Baird
15 Holly Baird /p
16 /s
17 /s
18 Quentin Tarantino
19 Uma Thurman /p
20 Uma Thurman /p
21 Uma Thurman /p
22 Harvey Weinstein /p
23 Harvey Weinstein /p
24 Harvey Weinstein /p'''),
'071e141c': ('standard-croydon', 'Evening Standard', '''
1 British Transport Police /p
2 British Transport Police spokesman
3 Met spokesman
4 Hannah Collier
6 London Fire Brigade spokesman'''),
'fffcfd0d': ('abc-tarantino', 'ABC News', '''
1 /s
2 /s
3 Uma Thurman
4 Quentin Tarantino /p
5 Quentin Tarantino
6 /s
7 Quentin Tarantino
8 rep for Weinstein
9 rep for Weinstein
10 Harvey Weinstein spokeswoman /p'''),
'34812a1c': ('japantimes-broadcom', 'Japan Times', '''
1 Broadcom /p
2 Hock Tan /p
3 Hock Tan
4 Hock Tan
5 Qualcomm /p
6 Qualcomm /p
7 Steve Mollenkopf /p
8 Broadcom /p
9 /s'''),
'6233dadf': ('rt-mattis', 'RT', '''
1 Jim Mattis /p
2 Jim Mattis /p
3 Jim Mattis
4 Rex Tillerson /p
5 Rex Tillerson
6 /s
7 /s
8 Gregory Elich
9 Gregory Elich
10 Gregory Elich'''),
'fa0d81a1': ('nyt-grammys-letter', 'New York Times', '''
1 women
2 Neil Portnow
3 /s
4 /s
5 Ken Ehrlich
6 /s
7 Neil Portnow /p
8 Recording Academy /p
9 executives' letter /p'''),
'5bf030cf': ('ew-grammys', 'Entertainment Weekly', '''
1 Several female heavyweights in the music industry /p
2 Neil Portnow /p
3 Neil Portnow /p
4 letter
5 Ken Ehrlich /p
6 letter /p
7 Neil Portnow
8 Neil Portnow'''),
'a124707a': ('huffpost-guam', 'HuffPost', '''
1 North Korea /p
2 Kim Jong Un
3 Donald Trump /p
4 Donald Trump /p
5 Donald Trump
6 David Wright
7 Nikki Haley /p
8 Blue House /p'''),
'56637e22': ('telegraph-croydon', 'Telegraph', '''
1 Crystal Palace /p
2 post
3 /s
4 driver /p
5 Martin Bamford
6 Rail Accident Investigation Branch /p
7 Tramlink /p'''),
'587140c4': ('rt-pyongyang', 'RT', '''
1 JCS
2 Yoshihide Suga /p
3 Yoshihide Suga /p
4 Pyongyang /p
5 Pyongyang /p
6 Pyongyang /p
7 /s'''),
'64822330': ('usatoday-nigerian-prince', 'USA Today', '''
1 /s
2 /s
3 Slidell Police Department /p
4 Slidell Police Department /p
5 /s
6 Slidell police'''),
'8bfd98d5': ('rt-ana-flight', 'RT', '''
1 /s
2 ANA
3 ANA
4 /s
5 Police /p
6 Police /p
7 /s
8 ANA
9 ANA'''),
'10f26ac6': ('rt-meteor', 'RT', '''
1 Mike Hankey /p
2 Mike Hankey
3 Mike Hankey
4 Kenneth Janes /p
5 Kenneth Janes
6 Kenneth Janes'''),
'526efa9d': ('rt-trafficking', 'RT', '''
1 Newsweek /p
2 /s
3 /s
4 Alex Trouteaud /p
5 Amazon
6 Microsoft officials'''),
'909dade3': ('wapo-ana-flight', 'Washington Post', '''
1 Chrissy Teigen
2 Chrissy Teigen
3 ANA
4 ANA /p
5 ANA
6 ANA'''),
'931861bb': ('wapo-g-league', 'Washington Post', '''
1 Joshua Freed
2 Joshua Freed
3 Darnell Lazare /p
4 Darnell Lazare /p
5 Darnell Lazare
6 /s'''),
'ba38e52f': ('usatoday-croydon', 'USA Today', '''
1 Rail Accident Investigation Branch /p
2 Rail Accident Investigation Branch
3 Martin Bamford /p
4 Martin Bamford
5 Martin Bamford
6 Martin Bamford /p'''),
'c6ace074': ('huffpost-teigen', 'HuffPost', '''
1 Chrissy Teigen
2 All Nippon spokesperson /p
3 All Nippon spokesperson /p
4 All Nippon spokesperson /p
5 All Nippon /p
6 All Nippon'''),
'466c69cd': ('cnn-musk-roadster', 'CNN Money', '''
1 Elon Musk
2 Elon Musk
3 Elon Musk /p
4 Elon Musk /p
5 /s'''),
'856d5e49': ('rt-vegas-isis', 'RT', '''
1 Amaq
2 Amaq
3 Islamic State /p
4 Eric Paddock
5 Joseph Lombardo /p'''),
'96a0d67b': ('wapo-rihanna', 'Washington Post', '''
1 Rihanna /p
2 Rihanna /p
3 Rihanna
4 Tavon Kaiseen Alleyne
5 Rihanna'''),
'bad7d665': ('npr-missile-japan', 'NPR', '''
1 North Korea /p
2 J-Alert
3 Suga
4 Rex Tillerson
5 Rex Tillerson /p'''),
'4468c60d': ('reuters-tamimi', 'Reuters', '''
1 Haaretz commentator /p
2 Israeli army /p
3 Israeli military
4 Gaby Lasky'''),
}

# Quotes the numbering pattern does not see: multi-paragraph quotes and odd marks.
EXTRA = {
'3580cf4b': [
 ("“The great Michael Sheen and I consciously uncoupled over Christmas.\n“I mean, not 'over Christmas' - like that wasn't the fight that ended it. No fight.\n“We just live in different countries & it got hard.\n“Felt we should just tell y'all so u stop asking, 'How's Michael/How's Sarah?’”",
  "“{{The great Michael Sheen and I consciously uncoupled over Christmas.\n“I mean, not 'over Christmas' - like that wasn't the fight that ended it. No fight.\n“We just live in different countries & it got hard.\n“Felt we should just tell y'all so u stop asking, 'How's Michael/How's Sarah?’|Sarah Silverman}}”"),
 ('“It will be a big change for how people relate to me. Once I’m in, I’m fully in, and this is big.\n“As soon as you start to be effective, then people try to crush you, because it’s dangerous.”',
  '“{{It will be a big change for how people relate to me. Once I’m in, I’m fully in, and this is big.\n“As soon as you start to be effective, then people try to crush you, because it’s dangerous.|Michael Sheen}}”'),
],
'8c28a3d0': [
 ('"My mother died 20 years ago today. We\'re thinking about her - I\'m not saying she\'s responsible, but she\'s saying that.\n"I cried a bit but this is beautiful, this is just beautiful. We\'ve been waiting for this for so long."',
  '"{{My mother died 20 years ago today. We\'re thinking about her - I\'m not saying she\'s responsible, but she\'s saying that.\n"I cried a bit but this is beautiful, this is just beautiful. We\'ve been waiting for this for so long.|Bill Murray}}"'),
],
'e81cc235': [
 ('"The answer was almost always the same \'you just know\'.\n"For me, that time is now. Why? Quite simply, I just know."',
  '"{{The answer was almost always the same \'you just know\'.\n"For me, that time is now. Why? Quite simply, I just know.|Carson Palmer}}"'),
],
'cbc09513': [
 ('"The Indians did one heck of a job but this is the best feeling in the world.\n"We\'re world champions. For the rest of our lives."',
  '"{{The Indians did one heck of a job but this is the best feeling in the world.\n"We\'re world champions. For the rest of our lives.|Anthony Rizzo}}"'),
],
'897929aa': [
 ("'had no knowledge that an intrusion'",
  "'{{had no knowledge that an intrusion|Equifax|partial}}'"),
],
'73434a97': [
 ('"I was barely 50m from the scene. I gave my wife and my children in a safe spot with the ice cream vendor and I ran, against all my instincts, to see if I could help. "I shouldn\'t have done that. What I saw, it was horrible. "The bodies of crushed women, covered in blood, there was nothing anyone could do to help and I turned and ran back up the road."',
  '"{{I was barely 50m from the scene. I gave my wife and my children in a safe spot with the ice cream vendor and I ran, against all my instincts, to see if I could help. "I shouldn\'t have done that. What I saw, it was horrible. "The bodies of crushed women, covered in blood, there was nothing anyone could do to help and I turned and ran back up the road.|Kevin}}"'),
 ('"Last night a lorry hit a crowd of people in Nice with the intention of killing. "At the time I speak there are 77 victims, of which many are children. "Once again we have seen extreme violence and it is obvious we must do everything to fight against this terrorism. "The driver was shot and killed. We are investigating whether he was linked to any others."',
  '"{{Last night a lorry hit a crowd of people in Nice with the intention of killing. "At the time I speak there are 77 victims, of which many are children. "Once again we have seen extreme violence and it is obvious we must do everything to fight against this terrorism. "The driver was shot and killed. We are investigating whether he was linked to any others.|Francois Hollande}}"'),
 ('\'run over\' Westerners THE atrocity in Nice comes after an ISIS chief urged fanatics to "run over Spokesman for the terrorist group Abu Mohammed al-Adnani made specific reference to the "spiteful and filthy French"',
  '\'{{run over|Abu Mohammed al-Adnani|partial}}\' Westerners THE atrocity in Nice comes after an ISIS chief urged fanatics to "run over Spokesman for the terrorist group Abu Mohammed al-Adnani made specific reference to the "{{spiteful and filthy French|Abu Mohammed al-Adnani|partial}}"'),
 ("'the most terrible attack that we have ever experienced'",
  "'{{the most terrible attack that we have ever experienced|Christian Estrosi|partial}}'"),
 ('"By now many of you have heard about the 80 people that have died in Nice, France today from a terrorist attack driving through a parade.\n"Two of those 80 people were American and those two people happen to be uncle Sean and 11-year-old cousin Brodie.\n"They were on vacation with my two other cousins and aunt celebrating a birthday."',
  '"{{By now many of you have heard about the 80 people that have died in Nice, France today from a terrorist attack driving through a parade.\n"Two of those 80 people were American and those two people happen to be uncle Sean and 11-year-old cousin Brodie.\n"They were on vacation with my two other cousins and aunt celebrating a birthday.|Haley Copeland}}"'),
 ('"This is an extremely difficult time for my family and anyone who knows Sean and Brodie Copeland.\n"Losing a loved one is hard no matter the circumstances but losing a loved on in such a tragic and unexpected way is unbearable. Prayers are much appreciated."',
  '"{{This is an extremely difficult time for my family and anyone who knows Sean and Brodie Copeland.\n"Losing a loved one is hard no matter the circumstances but losing a loved on in such a tragic and unexpected way is unbearable. Prayers are much appreciated.|Haley Copeland}}"'),
 ('“The whole area is pedestrianised and the lorry came down the south side.\n“It crushed the crowd like a bowling ball. Everything in its path was crushed.”',
  '“{{The whole area is pedestrianised and the lorry came down the south side.\n“It crushed the crowd like a bowling ball. Everything in its path was crushed.|witness}}”'),
 ('“The lorry turned towards the crowds and the driver just put his foot down.\n“It caused mass panic and a stampede away. It was terrifying.”',
  '“{{The lorry turned towards the crowds and the driver just put his foot down.\n“It caused mass panic and a stampede away. It was terrifying.|witness}}”'),
 ('"Suddenly as we crossed the unction, we heard screams and loud bangs. I looked for my mum and she was sprinting away.\n"Despite being on chemo she was obviously more attentive than me."',
  '"{{Suddenly as we crossed the unction, we heard screams and loud bangs. I looked for my mum and she was sprinting away.\n"Despite being on chemo she was obviously more attentive than me.|Kartik Bhanot}}"'),
 ('“If you can kill a disbelieving American or European — especially the spiteful and filthy French — or an Australian, or a Canadian, or any other disbeliever from the disbelievers waging war, including the citizens of the countries that entered into a coalition against the Islamic State, then rely upon Allah, and kill him in any manner or way, however it may be.\n“Smash his head with a rock, or slaughter him with a knife, or run him over with your car, or throw him down from a high place, or choke him, or poison him.”',
  '“{{If you can kill a disbelieving American or European — especially the spiteful and filthy French — or an Australian, or a Canadian, or any other disbeliever from the disbelievers waging war, including the citizens of the countries that entered into a coalition against the Islamic State, then rely upon Allah, and kill him in any manner or way, however it may be.\n“Smash his head with a rock, or slaughter him with a knife, or run him over with your car, or throw him down from a high place, or choke him, or poison him.|Abu Mohammed al-Adnani}}”'),
 ('"I\'m still shaking. My last memory of the incident is of a young guy in a blue shirt lying crooked on the ground after the lorry raced past him and through him.\n"I don\'t know if he was shot or run over, or just fell over, but I\'m praying he is fine."',
  '"{{I\'m still shaking. My last memory of the incident is of a young guy in a blue shirt lying crooked on the ground after the lorry raced past him and through him.\n"I don\'t know if he was shot or run over, or just fell over, but I\'m praying he is fine.|Kartik Bhanot}}"'),
 ('“It is absolute chaos. Bodies are lying everywhere. Police are flooding the streets, including anti-terrorism officers.\n“Nobody knows what to do — except to hide away.”',
  '“{{It is absolute chaos. Bodies are lying everywhere. Police are flooding the streets, including anti-terrorism officers.\n“Nobody knows what to do — except to hide away.|eyewitness}}”'),
 ('“We were told about the fireworks by someone in the hotel and decided to go along.\n“I was going to leave my husband to take the boys because I was tired but I am so glad I didn’t.\n“The fireworks had finished when we saw people running and screaming.\n“It was sheer panic and, with the volume of people, it was a crowd mentality.\n“We started running. It was so difficult to stay together and to stay calm, especially with two small boys.\n“We just ran, we panicked, not even knowing in which direction our hotel was.\n“My eldest son was yelling at us, ‘Why have you brought me here? I’m never coming here again’. The worst thing is thinking we took our children into that.”',
  '“{{We were told about the fireworks by someone in the hotel and decided to go along.\n“I was going to leave my husband to take the boys because I was tired but I am so glad I didn’t.\n“The fireworks had finished when we saw people running and screaming.\n“It was sheer panic and, with the volume of people, it was a crowd mentality.\n“We started running. It was so difficult to stay together and to stay calm, especially with two small boys.\n“We just ran, we panicked, not even knowing in which direction our hotel was.\n“My eldest son was yelling at us, ‘Why have you brought me here? I’m never coming here again’. The worst thing is thinking we took our children into that.|Harjit Sarang}}”'),
 ('“I was just walking to the Promenade and then I saw everybody running and I just didn’t know what was going on.\n“People were screaming at me in French but I didn’t understand.\n“People were lying on the streets dead and people were running over the bodies. Everybody was saying it’s a terrorist attack.\n“It’s just horrible, horrible, horrible. I’m in shock. I’m still shaking.”',
  '“{{I was just walking to the Promenade and then I saw everybody running and I just didn’t know what was going on.\n“People were screaming at me in French but I didn’t understand.\n“People were lying on the streets dead and people were running over the bodies. Everybody was saying it’s a terrorist attack.\n“It’s just horrible, horrible, horrible. I’m in shock. I’m still shaking.|Esther Serwah}}”'),
 ('"I want to express my solidarity with the nation, which is now in mourning. I have instructed all regional hospitals to be prepared for an influx of injured.\n"Under these circumstances we must display caution. and we must work together but we must during this busy weekend show care and attention for security."',
  '"{{I want to express my solidarity with the nation, which is now in mourning. I have instructed all regional hospitals to be prepared for an influx of injured.\n"Under these circumstances we must display caution. and we must work together but we must during this busy weekend show care and attention for security.|Francois Hollande}}"'),
 ('"There is no hostage-taking. An individual drove a truck into the crowd. He was killed by police.\n"Investigations are currently under way to establish if the individual acted alone or if he had accomplices who might have fled."',
  '"{{There is no hostage-taking. An individual drove a truck into the crowd. He was killed by police.\n"Investigations are currently under way to establish if the individual acted alone or if he had accomplices who might have fled.|Pierre-Henry Brandet}}"'),
 ('"After a minute of being back in my room,I heard some gunshots went out on my terrace and saw this dreadful scene.\n"Lots of bodies lying in the middle of the promenade... everybody was dead."',
  '"{{After a minute of being back in my room,I heard some gunshots went out on my terrace and saw this dreadful scene.\n"Lots of bodies lying in the middle of the promenade... everybody was dead.|Kevin Harris}}"'),
],
'968b809b': [
 ('"They knew that the noise of fireworks would mask the noise of gunfire, so that people would think that they were hearing fireworks, instead of, sadly, live gunfire that killed people.\n"It happened immediately after the fireworks. The truck appeared on the promenade -- and the promenade was blocked, so he must have broken through the barriers; it was driving on the sea side, and shooting at the people on the sea side. You could hear the pop, pop, pop. There were bodies everywhere.\n"Everyone came rushing in the restaurant -- about 100 people -- trying to find safe passage; they ended up staying in the building until midnight, when police said it was safe to leave.\n"It\'s an extremely eerie atmosphere at the moment, nothing has been cleaned away -- the bodies have been removed, but the debris and the blood are still there. "',
  '"{{They knew that the noise of fireworks would mask the noise of gunfire, so that people would think that they were hearing fireworks, instead of, sadly, live gunfire that killed people.\n"It happened immediately after the fireworks. The truck appeared on the promenade -- and the promenade was blocked, so he must have broken through the barriers; it was driving on the sea side, and shooting at the people on the sea side. You could hear the pop, pop, pop. There were bodies everywhere.\n"Everyone came rushing in the restaurant -- about 100 people -- trying to find safe passage; they ended up staying in the building until midnight, when police said it was safe to leave.\n"It\'s an extremely eerie atmosphere at the moment, nothing has been cleaned away -- the bodies have been removed, but the debris and the blood are still there. |Andy McArdy}}"'),
 ('"There were about 100 people initially who had jumped down to the beach, which is about 300, 400 meters from the promenade level.\n"We saw a child stroller or pram that had been run over, and later when we were allowed to go back to our hotel we saw bodies all over the floor and honestly couldn\'t tell which were adults or children."',
  '"{{There were about 100 people initially who had jumped down to the beach, which is about 300, 400 meters from the promenade level.\n"We saw a child stroller or pram that had been run over, and later when we were allowed to go back to our hotel we saw bodies all over the floor and honestly couldn\'t tell which were adults or children.|Eric Drattell}}"'),
 ('"It was like a scene out of a movie. I didn\'t know what was going on but obviously there was some kind of attack.\n"My kids were all gawking at the windows and I told them to get away from them."',
  '"{{It was like a scene out of a movie. I didn\'t know what was going on but obviously there was some kind of attack.\n"My kids were all gawking at the windows and I told them to get away from them.|Mark Krikorian}}"'),
],
'b7013f8e': [
 ('“He was here to be near his daughter, now she’s off, she’s going to start her own life...“So he’s there a lot, and then we just long for each other and we see each other and we love each other."',
  '“{{He was here to be near his daughter, now she’s off, she’s going to start her own life...“So he’s there a lot, and then we just long for each other and we see each other and we love each other.|Sarah Silverman}}"'),
],
'3e458084': [('“Most of them are still out there, and we want them to come back.’’',
              '“{{Most of them are still out there, and we want them to come back.|Esther Yakubu}}’’')],
'50463005': [('said: "The release of the girls, in a limited number, is the outcome of negotiations between the administration and Boko Haram brokered by the International Red Cross and the Swiss government.\n"The negotiations will continue."',
              'said: "{{The release of the girls, in a limited number, is the outcome of negotiations between the administration and Boko Haram brokered by the International Red Cross and the Swiss government.\n"The negotiations will continue.|Garba Shehu}}"')],
'2f066d10': [('said: "I am devastated for the families and friends of those who have lost their lives and those who have been injured.\n"Clearly something has gone catastrophically wrong and we will work tirelessly and quickly with the emergency services, the tram operator FirstGroup and others to establish the cause."',
              'said: "{{I am devastated for the families and friends of those who have lost their lives and those who have been injured.\n"Clearly something has gone catastrophically wrong and we will work tirelessly and quickly with the emergency services, the tram operator FirstGroup and others to establish the cause.|Mike Brown}}"')],
'64822330': [('“If it sounds too good to be true, it probably is," Slidell Police Chief Randy Fandal said in a released statement. "Never give out personal information over the phone, through e-mail, cash checks for other individuals, or wire large amounts of money to someone you don’t know. 99.9 percent of the time, it’s a scam.”',
              '“{{If it sounds too good to be true, it probably is,|Randy Fandal}}" Slidell Police Chief Randy Fandal said in a released statement. "{{Never give out personal information over the phone, through e-mail, cash checks for other individuals, or wire large amounts of money to someone you don’t know. 99.9 percent of the time, it’s a scam.|Randy Fandal}}”')],
'071e141c': [
 ('the Standard: "It happened on a sharp bend on the approach to Sandilands tram stop.\n"I\'ve never seen so many emergency services attend a scene."',
  'the Standard: "{{It happened on a sharp bend on the approach to Sandilands tram stop.\n"I\'ve never seen so many emergency services attend a scene.|James Long}}"'),
 ('the Standard: "The road hadn\'t been shut off yet but emergency services were already at the scene, this would have been around 6.30am.\n“By this point more emergency services were flooding to the scene and a police car shut off the road with vehicles being ushered down Elgin Road towards Addiscombe.\n“But it was obvious it was very, very serious due to the amount of emergency services at the scene.\n“At first there would have been roughly between six or 10 [vehicles], as time passed a lot more arrived and continued to arrive.\n“Visibly from where I was about two fire engines, two to three ambulances, several police cars and then more arrived as time went on.\n“I think that’s how everyone knew it was very serious, especially how quickly they acted to shut off the road.”',
  'the Standard: "{{The road hadn\'t been shut off yet but emergency services were already at the scene, this would have been around 6.30am.\n“By this point more emergency services were flooding to the scene and a police car shut off the road with vehicles being ushered down Elgin Road towards Addiscombe.\n“But it was obvious it was very, very serious due to the amount of emergency services at the scene.\n“At first there would have been roughly between six or 10 [vehicles], as time passed a lot more arrived and continued to arrive.\n“Visibly from where I was about two fire engines, two to three ambulances, several police cars and then more arrived as time went on.\n“I think that’s how everyone knew it was very serious, especially how quickly they acted to shut off the road.|Miguel John}}”'),
 ('said: "We were called at 6.13 to an incident at Addiscombe Road in Croydon.\n"We have sent a number of resources to the scene including ambulance crews, advanced paramedics and single responders in cars.\n"We are treating a number of patients."',
  'said: "{{We were called at 6.13 to an incident at Addiscombe Road in Croydon.\n"We have sent a number of resources to the scene including ambulance crews, advanced paramedics and single responders in cars.\n"We are treating a number of patients.|London Ambulance Service spokesman}}"'),
 ('said: "We are currently on scene at a major incident at Sandilands tram stop in Croydon.\n"Officers are working to deal with a tram derailment, alongside colleagues from other emergency services.\n"A number of people are believed to have been injured. People are asked to avoid the area."',
  'said: "{{We are currently on scene at a major incident at Sandilands tram stop in Croydon.\n"Officers are working to deal with a tram derailment, alongside colleagues from other emergency services.\n"A number of people are believed to have been injured. People are asked to avoid the area.|British Transport Police spokesman}}"'),
 ('said: “I am in contact with emergency services and TfL, who are working extremely hard to get the situation under control and treat those who have been injured. My thoughts are with all those involved in this incident.\n“We are asking people to please visit the TfL website, tfl.gov.uk, for the latest travel information.”',
  'said: “{{I am in contact with emergency services and TfL, who are working extremely hard to get the situation under control and treat those who have been injured. My thoughts are with all those involved in this incident.\n“We are asking people to please visit the TfL website, tfl.gov.uk, for the latest travel information.|Sadiq Khan}}”'),
 ('said: “We are currently working with the emergency services following a derailment involving a tram in Croydon.\n“There is currently no service on the tram between Reeves Corner and Addington Village / Harrington Road.”',
  'said: “{{We are currently working with the emergency services following a derailment involving a tram in Croydon.\n“There is currently no service on the tram between Reeves Corner and Addington Village / Harrington Road.|Transport for London spokesman}}”'),
],
}
LATE = {}  # continuation paragraphs are labelled inside their EXTRA region


def parse(spec):
    out = {}
    for line in spec.strip().splitlines():
        n, _, rest = line.partition(' ')
        kind = 'direct'
        if rest.endswith(' /p'):
            rest, kind = rest[:-3], 'partial'
        elif rest == '/s':
            rest, kind = '-', 'scare'
        out[int(n)] = (rest.strip(), kind)
    return out


def label(text, labels, late, ident, regions):
    """Numbers every quotation-mark span of the original text in order; spans
    inside an explicitly labelled region keep their number but take the
    region's label."""
    out, pos = [], 0
    regions = sorted(regions)
    for n, m in enumerate(QUOTE.finditer(text), start=1):
        if any(a < m.end() and m.start() < b for a, b, _ in regions):
            continue
        inner = next(g for g in m.groups() if g is not None)
        if n in labels:
            speaker, kind = labels[n]
        elif n in late:
            speaker, kind = late[n], 'direct'
        else:
            raise SystemExit(f'{ident}: quote {n} has no label: {inner[:50]!r}')
        suffix = '' if kind == 'direct' else '|' + kind
        out.append((m.start(), m.end(), f'{m.group(0)[0]}{{{{{inner}|{speaker}{suffix}}}}}{m.group(0)[-1]}'))
    out.extend(regions)
    result = []
    for a, b, new in sorted(out):
        result.append(text[pos:a])
        result.append(new)
        pos = b
    result.append(text[pos:])
    return ''.join(result)


def main():
    sample = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/news-please-sample'
    events = {r['id']: r['event'] for r in csv.DictReader(open(os.path.join(sample, 'events.tsv')), delimiter='\t')}
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    halves = {'np-dev': [], 'np-heldout': []}
    for prefix, (ident, source, spec) in LABELS.items():
        path = glob.glob(os.path.join(sample, 'articles', prefix + '*.json'))[0]
        aid = os.path.basename(path)[:-5]
        art = json.load(open(path, encoding='utf-8'))
        text = art['text']
        regions = []
        for old, new in EXTRA.get(prefix, []):
            assert text.count(old) == 1, (ident, old[:40], text.count(old))
            at = text.index(old)
            regions.append((at, at + len(old), new))
        text = label(text, parse(spec), LATE.get(prefix, {}), ident, regions)
        split = 'np-heldout' if hashlib.sha1(events[aid].encode()).digest()[0] % 2 else 'np-dev'
        body = '\n\n'.join(l for l in text.split('\n') if l.strip())
        halves[split].append(f'=== np-{ident} | {source} | {split} | {art["title"]}\n{body}\n')
    for split, arts in halves.items():
        name = 'articles_' + split.replace('-', '_') + '.txt'
        with open(os.path.join(here, name), 'w', encoding='utf-8') as f:
            f.write('# Real articles from the news-please sample (Apache 2.0; see README), their\n'
                    '# `text` field with lines turned into paragraphs, labelled by hand with\n'
                    '# tools/label_np.py. Split by event: ' + split + '.\n')
            f.writelines(arts)
        print(name, len(arts), 'articles')


if __name__ == '__main__':
    main()
