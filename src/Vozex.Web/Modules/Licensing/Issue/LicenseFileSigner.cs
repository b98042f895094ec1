using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NSec.Cryptography;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Issue;

/// <summary>The signed license file as served: the canonical license text, and who signed it how.</summary>
public sealed record LicenseFile(string Format, string Algorithm, string KeyId, string License, string Signature);

/// <summary>The marketplace's public key as vendors embed it.</summary>
public sealed record LicensePublicKey(string Algorithm, string KeyId, string PublicKey, string PublicKeyHex);

internal static class LicenseFiles
{
    /// <summary>Signs the canonical text of <paramref name="document"/> with an Ed25519 private key.</summary>
    public static LicenseFile Sign(Key key, string keyId, LicenseDocument document)
    {
        var text = document.ToCanonicalJson();
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(text));
        return new LicenseFile(LicenseDocument.Format, "Ed25519", keyId, text, Convert.ToBase64String(signature));
    }
}

/// <summary>
/// Holds the marketplace's Ed25519 key pair. It is generated the first time it is needed and stored with its private
/// half encrypted by Data Protection (whose keys live in the same database, shared by every node); the fixed primary
/// key means that when two nodes race to create it, one insert fails and that node loads the winner's pair.
/// </summary>
internal sealed partial class SigningKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time, ILogger<SigningKeyStore> logger)
    : IDisposable
{
    private const string Purpose = "Vozex.Licensing.SigningKey.v1";
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Loaded? _loaded;

    private sealed record Loaded(Key Key, LicensePublicKey Public);

    public async Task<LicensePublicKey> PublicKeyAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Public;

    public async Task<LicenseFile> SignAsync(LicenseDocument document, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(cancellationToken);
        return LicenseFiles.Sign(loaded.Key, loaded.Public.KeyId, document);
    }

    private async Task<Loaded> LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded is { } ready) return ready;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } again) return again;
            var protector = protection.CreateProtector(Purpose);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var row = await db.Set<SigningKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Id == SigningKey.CurrentId, cancellationToken);
            if (row is null)
            {
                row = Create(protector);
                db.Add(row);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    LogCreated(logger, row.KeyId);
                }
                catch (DbUpdateException)
                {
                    // Another node created the pair first; use theirs.
                    db.ChangeTracker.Clear();
                    row = await db.Set<SigningKey>().AsNoTracking().SingleAsync(k => k.Id == SigningKey.CurrentId, cancellationToken);
                }
            }
            var privateKey = protector.Unprotect(Convert.FromBase64String(row.PrivateKeyProtected));
            try
            {
                var key = Key.Import(Algorithm, privateKey, KeyBlobFormat.RawPrivateKey);
                var publicKey = Convert.FromBase64String(row.PublicKey);
                _loaded = new Loaded(key, new LicensePublicKey("Ed25519", row.KeyId, row.PublicKey, Convert.ToHexStringLower(publicKey)));
                return _loaded;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private SigningKey Create(IDataProtector protector)
    {
        using var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            return new SigningKey
            {
                Id = SigningKey.CurrentId,
                KeyId = KeyIdOf(publicKey),
                PublicKey = Convert.ToBase64String(publicKey),
                PrivateKeyProtected = Convert.ToBase64String(protector.Protect(privateKey)),
                CreatedAt = time.GetUtcNow(),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>A short, stable name for a public key, so a vendor can tell which key signed a file.</summary>
    internal static string KeyIdOf(ReadOnlySpan<byte> publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    public void Dispose()
    {
        _loaded?.Key.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the license signing key pair {KeyId}")]
    private static partial void LogCreated(ILogger logger, string keyId);
}
